"""Line of Sight: line of sight on a council's children's services."""

__version__ = "0.1.0"
