//! `mattrathan-web`: the home page: the list of jobs and storage health (`index.html`).
mattrathan::web_bundle!(home, PLAIN);
