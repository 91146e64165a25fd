//! The home page: the jobs Mattrathan does, and the storage health.

use leptos::prelude::*;

use super::health::StorageHealth;
use super::route::Route;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1>"มาตรฐาน — งานมาตรฐานอาชีวศึกษา"</h1>
        <p class="muted">"ทำงานในเบราว์เซอร์ เก็บข้อมูลไว้ในเครื่องนี้ ใช้งานได้แม้ไม่มีอินเทอร์เน็ต"</p>
        <div class="jobs">
            <a class="card job" href=Route::QaColleges.href() data-testid="job-qa">
                <strong>"ประเมินตนเองของสถานศึกษา"</strong>
                "มาตรฐานการอาชีวศึกษา พ.ศ. 2559 — 4 มาตรฐาน 14 ตัวบ่งชี้ คิดคะแนนตามเกณฑ์ เทียบรายปี พิมพ์รายงาน"
            </a>
            <a class="card job" href=Route::S26.href() data-testid="job-s26">
                <strong>"มาตรฐานฝีมือแรงงานตามมาตรา 26"</strong>
                "ตาราง DACUM น้ำหนัก คลังข้อสอบ IOC จัดชุดข้อสอบ ให้คะแนนภาคความสามารถ ตัดสินผล ใบสรุปผลคะแนน เลขที่รับคำขอ"
            </a>
            <a class="card job" href=Route::Ia.href() data-testid="job-ia">
                <strong>"วิเคราะห์ข้อสอบ"</strong>
                "ค่าความยากง่าย (p) อำนาจจำแนก (r) แบบอิงกลุ่มและอิงเกณฑ์ ตัวลวง KR-20 พิมพ์ตารางแบบ (19)"
            </a>
            <a class="card job" href=Route::Sync.href() data-testid="job-sync">
                <strong>"ซิงค์ข้อมูลกับเซิร์ฟเวอร์ (ไม่บังคับ)"</strong>
                "ส่งและรับระเบียนของทุกงานกับเซิร์ฟเวอร์ CouchDB ของหน่วยงาน — วิทยาลัยถึงจังหวัด แท็บเล็ตกรรมการถึงศูนย์ทดสอบ"
            </a>
            <a class="card job" href=Route::RegHome.href() data-testid="job-reg">
                <strong>"ลงทะเบียนขอรับเครื่องมือประเมินมาตรฐานวิชาชีพ"</strong>
                "สถานศึกษากรอกจำนวนผู้เรียนชั้นปีสุดท้ายตามสาขางาน ส่งไฟล์ให้จังหวัด คณะกรรมการจังหวัดรวม ตรวจสอบ และพิมพ์ยอดรวมเครื่องมือ"
            </a>
            <a class="card job" href=Route::Judge.href() data-testid="job-judge">
                <strong>"แท็บเล็ตกรรมการ"</strong>
                "ให้คะแนนภาคความสามารถได้แม้ไม่มีเครือข่าย ทุกการแตะบันทึกลงเครื่องทันที ส่งไฟล์คะแนนให้หัวหน้าผู้ทดสอบ รวมคะแนนและตัดสินข้อขัดแย้ง"
            </a>
        </div>
        <StorageHealth/>
    }
}
