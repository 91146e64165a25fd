//! Storage health: whether the browser promised to keep our data (persistent storage) and how much space is used.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mattrathan::store::health;

#[derive(Clone, Debug, PartialEq)]
struct Health {
    persisted: Option<bool>,
    usage: Option<(f64, f64)>,
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

/// Asks for persistent storage once (browsers decide silently) and shows the answer and the space used.
#[component]
pub fn StorageHealth() -> impl IntoView {
    let info = RwSignal::new(None::<Health>);
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
                    <p class="muted">"เปิดแอปครั้งหนึ่งแล้วจะใช้งานได้แม้ไม่มีอินเทอร์เน็ต บน iPad/iPhone ให้กด “เพิ่มไปยังหน้าจอโฮม” (Add to Home Screen) เพื่อติดตั้งแอป — มิฉะนั้น Safari อาจลบข้อมูลเมื่อไม่ได้เปิดแอปนาน 7 วัน"</p>
                    {(h.persisted == Some(false)).then(|| view! {
                        <button class="secondary" on:click=move |_| refresh(true)>"ขอพื้นที่ถาวรอีกครั้ง"</button>
                    })}
                }.into_any(),
            }}
        </section>
    }
}
