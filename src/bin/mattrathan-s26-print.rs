//! `mattrathan-s26-print`: a Section 26 standard's printed papers — question paper, answer sheet, key, test manual (`s26-print.html`).
mattrathan::web_bundle!(s26_print, PLAIN);
