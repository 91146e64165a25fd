//! The home page: the jobs Mattrathan does, and the storage health.

use leptos::prelude::*;

use super::health::StorageHealth;
use crate::routes::{IaRoute, JudgeRoute, QaRoute, RegRoute, S26Route, SyncRoute, Route};

/// The jobs, in the order shown: where each opens, its test id, title and what it covers.
const JOBS: [(Route, &str, &str, &str); 6] = [
    (
        Route::Qa(QaRoute::Colleges),
        "job-qa",
        "ประเมินตนเองของสถานศึกษา",
        "มาตรฐานการอาชีวศึกษา พ.ศ. 2559 — 4 มาตรฐาน 14 ตัวบ่งชี้ คิดคะแนนตามเกณฑ์ เทียบรายปี พิมพ์รายงาน",
    ),
    (
        Route::S26(S26Route::Standards),
        "job-s26",
        "มาตรฐานฝีมือแรงงานตามมาตรา 26",
        "ตาราง DACUM น้ำหนัก คลังข้อสอบ IOC จัดชุดข้อสอบ ให้คะแนนภาคความสามารถ ตัดสินผล ใบสรุปผลคะแนน เลขที่รับคำขอ",
    ),
    (
        Route::Ia(IaRoute::Datasets),
        "job-ia",
        "วิเคราะห์ข้อสอบ",
        "ค่าความยากง่าย (p) อำนาจจำแนก (r) แบบอิงกลุ่มและอิงเกณฑ์ ตัวลวง KR-20 พิมพ์ตารางแบบ (19)",
    ),
    (
        Route::Sync(SyncRoute::Settings),
        "job-sync",
        "ซิงค์ข้อมูลกับเซิร์ฟเวอร์ (ไม่บังคับ)",
        "ส่งและรับระเบียนของทุกงานกับเซิร์ฟเวอร์ CouchDB ของหน่วยงาน — วิทยาลัยถึงจังหวัด แท็บเล็ตกรรมการถึงศูนย์ทดสอบ",
    ),
    (
        Route::Reg(RegRoute::Home),
        "job-reg",
        "ลงทะเบียนขอรับเครื่องมือประเมินมาตรฐานวิชาชีพ",
        "สถานศึกษากรอกจำนวนผู้เรียนชั้นปีสุดท้ายตามสาขางาน ส่งไฟล์ให้จังหวัด คณะกรรมการจังหวัดรวม ตรวจสอบ และพิมพ์ยอดรวมเครื่องมือ",
    ),
    (
        Route::Judge(JudgeRoute::Home),
        "job-judge",
        "แท็บเล็ตกรรมการ",
        "ให้คะแนนภาคความสามารถได้แม้ไม่มีเครือข่าย ทุกการแตะบันทึกลงเครื่องทันที ส่งไฟล์คะแนนให้หัวหน้าผู้ทดสอบ รวมคะแนนและตัดสินข้อขัดแย้ง",
    ),
];

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1>"มาตรฐาน — งานมาตรฐานอาชีวศึกษา"</h1>
        <p class="muted">"ทำงานในเบราว์เซอร์ เก็บข้อมูลไว้ในเครื่องนี้ ใช้งานได้แม้ไม่มีอินเทอร์เน็ต"</p>
        <div class="jobs">
            {JOBS
                .into_iter()
                .map(|(route, testid, title, about)| view! {
                    <a class="card job" href=route.href() data-testid=testid>
                        <strong>{title}</strong>
                        {about}
                    </a>
                })
                .collect_view()}
        </div>
        <StorageHealth/>
    }
}
