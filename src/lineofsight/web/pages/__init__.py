"""Service pages every council needs: the landing page, accessibility, cookies and error pages."""
