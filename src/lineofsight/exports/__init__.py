"""Downloads people open in their own tools: formatted Excel workbooks of the service's tables."""
