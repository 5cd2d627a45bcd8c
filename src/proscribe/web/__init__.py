"""Server-rendered web pages (Jinja2), their JSON twins, static assets and the world map geometry."""
