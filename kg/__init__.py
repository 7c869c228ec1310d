"""treaty-kg: treaties and resolutions into a knowledge graph."""
