// Mattrathan: a crash never hides behind "saved" (issue 12). When the app's WebAssembly traps (a Rust panic ends in
// `unreachable` because release builds abort on panic), nothing the page does afterwards can be trusted to be saved.
// This file runs before the app: on any WebAssembly.RuntimeError, thrown from an event handler or a promise, it
// shows a red message that covers the page and keeps the save indicator saying "not saved" for the rest of the
// page's life. The Rust panic hook (src/ui/crash.rs) calls mattrathanCrash() itself before the trap.
(function () {
  'use strict';
  var MESSAGE = 'เกิดข้อผิดพลาด — ข้อมูลหลังจากนี้ยังไม่ได้บันทึก, โปรดโหลดหน้าใหม่';
  var LOCKED = 'ไม่ได้บันทึก — เกิดข้อผิดพลาด';
  var crashed = false;

  function lockIndicator() {
    var els = document.querySelectorAll('.save-state');
    for (var i = 0; i < els.length; i++) {
      if (els[i].textContent !== LOCKED) els[i].textContent = LOCKED;
    }
  }

  function crash(detail) {
    document.documentElement.setAttribute('data-crashed', '1');
    if (!document.getElementById('crash')) {
      var box = document.createElement('div');
      box.id = 'crash';
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-modal', 'true');
      box.setAttribute('aria-labelledby', 'crash-title');
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(80,0,0,.55);display:flex;' +
        'align-items:center;justify-content:center;padding:1rem';
      var panel = document.createElement('div');
      panel.style.cssText = 'background:#b00020;color:#fff;max-width:40rem;padding:1.5rem;border-radius:.5rem;' +
        'font-size:1.2rem;box-shadow:0 .5rem 2rem rgba(0,0,0,.5)';
      var title = document.createElement('p');
      title.id = 'crash-title';
      title.style.cssText = 'margin:0 0 1rem;font-weight:bold';
      title.textContent = MESSAGE;
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'โหลดหน้าใหม่';
      button.addEventListener('click', function () { location.reload(); });
      panel.appendChild(title);
      if (detail) {
        var small = document.createElement('p');
        small.style.cssText = 'font-size:.8rem;opacity:.85;overflow-wrap:anywhere';
        small.textContent = String(detail).slice(0, 300);
        panel.appendChild(small);
      }
      panel.appendChild(button);
      box.appendChild(panel);
      (document.body || document.documentElement).appendChild(box);
      button.focus();
    }
    lockIndicator();
    if (!crashed) {
      crashed = true;
      // Whatever still runs (the page's code after a trap is undefined) cannot put "saved" back.
      new MutationObserver(lockIndicator).observe(document.documentElement,
        { subtree: true, childList: true, characterData: true });
    }
  }

  function isTrap(e) {
    return typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError;
  }

  window.mattrathanCrash = crash;
  window.addEventListener('error', function (ev) {
    if (isTrap(ev.error)) crash(ev.error.message);
  });
  window.addEventListener('unhandledrejection', function (ev) {
    if (isTrap(ev.reason)) crash(ev.reason.message);
  });
})();
