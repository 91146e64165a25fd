//! `mattrathan-reg-province`: registration, the provincial committee's pages (`reg-province.html`).
mattrathan::web_bundle!(registration_province, SYNC_REGISTRATION);
