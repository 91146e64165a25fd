//! `mattrathan-judge`: judges' tablets and the chief tester's tablet (`judge.html`).
mattrathan::web_bundle!(Judge, judge, SYNC_SECTION26);
