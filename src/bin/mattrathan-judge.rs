//! `mattrathan-judge`: judges' tablets and the chief tester's tablet (`judge.html`).
mattrathan::web_bundle!(judge, SYNC_SECTION26);
