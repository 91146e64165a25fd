//! What the committee's page loads for one province and year ([`ProvinceData`]): the college list, the year's
//! notes, outside institutions and imported registrations (one per college), and the stored records left out
//! because they do not read.

use crate::domain::provinces;
use crate::domain::registration::aggregate::one_per_college;
use crate::domain::registration::records::{
    ImportedRegistration, OutsideInstitution,
    ProvinceCollege, ProvinceYear,
};
use crate::domain::keys;
use crate::store::{keyed_meta, Store};
use crate::ui::error::PageError;


/// Everything the committee keeps for one province and year.
#[derive(Clone, Debug, PartialEq)]
pub struct ProvinceData {
    pub province: String,
    pub year: u16,
    pub list: Vec<ProvinceCollege>,
    pub notes: Option<ProvinceYear>,
    pub outside: Vec<OutsideInstitution>,
    pub imports: Vec<ImportedRegistration>,
    /// Colleges whose registration for the year is stored more than once (under several ids): only one is used.
    pub doubled: Vec<String>,
}

impl ProvinceData {
    /// The year's notes, or fresh (unsaved) ones.
    pub fn notes_or_new(&self) -> ProvinceYear {
        self.notes.clone().unwrap_or_else(|| ProvinceYear {
            meta: keyed_meta::<ProvinceYear>(keys::province_year_id(&self.province, self.year), &self.province),
            year: self.year,
            reasons: Default::default(),
            no_outside: false,
        })
    }
}

pub async fn load_province(store: Store, province: String, year: u16) -> Result<ProvinceData, PageError> {
    if provinces::by_code(&province).is_none() {
        return Err(format!("ไม่รู้จักรหัสจังหวัด {province}").into());
    }
    let p = Some(province.as_str());
    // A stored record that does not read is left out of these lists and named by the shell's banner
    // (`Store::list`), so it never takes the page (and its pull button) away.
    let mut list = store.list::<ProvinceCollege>(p).await?;
    crate::domain::sort::sort_by(&mut list, |a, b| a.code.cmp(&b.code));
    let notes = store.list::<ProvinceYear>(p).await?.into_iter().find(|n| n.year == year);
    let outside = store.list::<OutsideInstitution>(p).await?.into_iter().filter(|o| o.year == year).collect();
    let imports = store.list::<ImportedRegistration>(p).await?;
    let imports = imports.into_iter().filter(|i| i.year == year).collect();
    // Never two registrations of one college in the totals, even if they arrived under two ids.
    let (imports, doubled) = one_per_college(imports);
    Ok(ProvinceData { province, year, list, notes, outside, imports, doubled })
}
