//! Storage health: whether the browser promised to keep our data (persistent storage) and how much space is used.

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::store::health;

#[derive(Clone, Debug, PartialEq)]
struct Health {
    persisted: Option<bool>,
    usage: Option<(f64, f64)>,
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

/// Below this much free space (or 10 % of the quota) the app warns.
const LOW_FREE_BYTES: f64 = 50_000_000.0;
/// A quota this small usually means a private window (whose data is deleted when it closes).
const PRIVATE_QUOTA_BYTES: f64 = 200_000_000.0;

/// A warning about the space left, if one is due.
fn space_warning(used: f64, quota: f64) -> Option<String> {
    let free = (quota - used).max(0.0);
    if free < LOW_FREE_BYTES || free < quota * 0.1 {
        Some(format!(
            "พื้นที่เก็บข้อมูลใกล้เต็ม (เหลือประมาณ {}) — ส่งออกไฟล์สำรอง/ไฟล์คะแนน แล้วลบข้อมูลที่ไม่ใช้ ก่อนที่จะบันทึกไม่ได้",
            megabytes(free)
        ))
    } else if quota < PRIVATE_QUOTA_BYTES {
        Some(format!(
            "เบราว์เซอร์ให้พื้นที่เพียงประมาณ {} ซึ่งน้อยผิดปกติ — หากเปิดในหน้าต่างส่วนตัว (private/incognito) ข้อมูลจะหายเมื่อปิดหน้าต่าง โปรดเปิดในหน้าต่างปกติ",
            megabytes(quota)
        ))
    } else {
        None
    }
}

/// Asks for persistent storage once (browsers decide silently) and shows the answer and the space used.
#[component]
pub fn StorageHealth() -> impl IntoView {
    let info = RwSignal::new(None::<Health>);
    // Browser plumbing on the home page, which carries none of Leptos' async machinery (resources, suspense,
    // actions) so that it stays the smallest page: the browser's answer is read into a signal.
    let refresh = move |ask: bool| {
        spawn_local(async move {
            let mut persisted = health::persisted().await;
            if ask && persisted == Some(false) {
                persisted = health::persist().await;
            }
            info.set(Some(Health { persisted, usage: health::estimate().await }));
        })
    };
    refresh(true);
    view! {
        <section class="card" aria-labelledby="health-h" data-testid="storage-health">
            <h2 id="health-h">"ที่เก็บข้อมูลในเครื่องนี้"</h2>
            {move || match info.get() {
                None => view! { <p class="muted">"กำลังตรวจ…"</p> }.into_any(),
                Some(h) => view! {
                    <p>
                        {match h.persisted {
                            Some(true) => view! { <span class="ok">"✓ เบราว์เซอร์จะเก็บข้อมูลไว้ถาวร (persistent storage)"</span> }.into_any(),
                            Some(false) => view! { <span class="warn">"เบราว์เซอร์ยังไม่รับรองว่าจะเก็บข้อมูลไว้ถาวร — อาจถูกลบเมื่อพื้นที่ในเครื่องเต็ม ควรส่งออกไฟล์สำรองเป็นระยะ"</span> }.into_any(),
                            None => view! { <span class="warn">"เบราว์เซอร์นี้ไม่รองรับการขอพื้นที่ถาวร — ควรส่งออกไฟล์สำรองเป็นระยะ"</span> }.into_any(),
                        }}
                    </p>
                    <p class="muted">
                        {match h.usage {
                            Some((used, quota)) => format!("ใช้ไป {} จากที่ใช้ได้ประมาณ {}", megabytes(used), megabytes(quota)),
                            None => "ไม่ทราบพื้นที่ที่ใช้".to_string(),
                        }}
                    </p>
                    {h.usage.and_then(|(used, quota)| space_warning(used, quota)).map(|w| view! {
                        <p class="storage-warn" role="alert" data-testid="storage-warning">{w}</p>
                    })}
                    <p class="muted">"เปิดแอปครั้งหนึ่งแล้วจะใช้งานได้แม้ไม่มีอินเทอร์เน็ต บน iPad/iPhone ให้กด “เพิ่มไปยังหน้าจอโฮม” (Add to Home Screen) เพื่อติดตั้งแอป — มิฉะนั้น Safari อาจลบข้อมูลเมื่อไม่ได้เปิดแอปนาน 7 วัน"</p>
                    {(h.persisted == Some(false)).then(|| view! {
                        <button class="secondary" on:click=move |_| refresh(true)>"ขอพื้นที่ถาวรอีกครั้ง"</button>
                    })}
                }.into_any(),
            }}
        </section>
    }
}
