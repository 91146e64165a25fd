//! The home page: the jobs Mattrathan does, and the storage health.

use leptos::prelude::*;

use super::health::StorageHealth;

#[component]
pub fn Home() -> impl IntoView {
    let later = [
        ("ลงทะเบียนรับเครื่องมือประเมิน", "นักเรียนชั้นปีสุดท้ายตามสาขางาน สำหรับวิทยาลัยและคณะกรรมการจังหวัด"),
    ];
    view! {
        <h1>"มาตรฐาน — งานมาตรฐานอาชีวศึกษา"</h1>
        <p class="muted">"ทำงานในเบราว์เซอร์ เก็บข้อมูลไว้ในเครื่องนี้ ใช้งานได้แม้ไม่มีอินเทอร์เน็ต"</p>
        <div class="jobs">
            <a class="card job" href="#/qa" data-testid="job-qa">
                <strong>"ประเมินตนเองของสถานศึกษา"</strong>
                "มาตรฐานการอาชีวศึกษา พ.ศ. 2559 — 4 มาตรฐาน 14 ตัวบ่งชี้ คิดคะแนนตามเกณฑ์ เทียบรายปี พิมพ์รายงาน"
            </a>
            <a class="card job" href="#/s26" data-testid="job-s26">
                <strong>"มาตรฐานฝีมือแรงงานตามมาตรา 26"</strong>
                "ตาราง DACUM น้ำหนัก คลังข้อสอบ IOC จัดชุดข้อสอบ ให้คะแนนภาคความสามารถ ตัดสินผล ใบสรุปผลคะแนน เลขที่รับคำขอ"
            </a>
            <a class="card job" href="#/judge" data-testid="job-judge">
                <strong>"แท็บเล็ตกรรมการ"</strong>
                "ให้คะแนนภาคความสามารถได้แม้ไม่มีเครือข่าย ทุกการแตะบันทึกลงเครื่องทันที ส่งไฟล์คะแนนให้หัวหน้าผู้ทดสอบ รวมคะแนนและตัดสินข้อขัดแย้ง"
            </a>
            {later.into_iter().map(|(title, text)| view! {
                <div class="card job" aria-disabled="true">
                    <strong>{title}</strong>
                    {text}
                    <br/><span class="tag">"เร็ว ๆ นี้"</span>
                </div>
            }).collect_view()}
        </div>
        <StorageHealth/>
    }
}
