//! Export: one post to a standalone HTML page, a folder to a site.
