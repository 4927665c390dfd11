"""One search over the portal's public content: sources, backends, snippets, and the search page."""
