//! The editor's model: the standard being edited as a `reactive_stores` store ([`Draft`]), so each input reads and
//! writes its own field and each derived section recomputes from only the fields it reads.
//!
//! The derive is on this UI type, not on the domain's: the domain stays pure (no UI crate). [`Draft`] mirrors
//! [`StandardRecord`] field for field; [`Draft::new`] and [`Draft::record`] convert at load and at each save, naming
//! every field both ways, so a field added to the standard fails to compile here until it is carried over.
//!
//! The row lists of the standard (duties, bank items, modules) are keyed by the rows' ids. A row's own rows (a
//! duty's tasks and their steps, a module's items) are reached inside it by id ([`TaskAt`], [`StepAt`], [`ItemAt`]):
//! one keyed level, which is all the editor needs (rows move only among their siblings), and keyed lists nested in
//! keyed lists are where `reactive_stores` has had its panics (leptos#4475, #4486, #4697) — a panic ends the page.

use leptos::prelude::*;
use std::collections::BTreeMap;

use reactive_stores::{AtKeyed, Store, Subfield};

use crate::domain::record::Meta;
use crate::domain::section26::bank::{BankItem, MatchingSet};
use crate::domain::section26::forms::OfficeCheck;
use crate::domain::section26::dacum::{Duty, Step, Task};
use crate::domain::section26::ioc::IocTable;
use crate::domain::section26::marking::{Module, PracticalItem};
use crate::domain::section26::records::StandardRecord;
use crate::domain::section26::standard::{Member, Standard};
use crate::domain::section26::certification::Certification;
use crate::domain::section26::paper::PaperSettings;
use crate::domain::section26::verdict::Criteria;
use crate::domain::section26::weights::WeightTable;

/// A [`StandardRecord`] being edited (see the module docs).
#[derive(Store, Clone, Debug, PartialEq)]
pub struct Draft {
    pub meta: Meta,
    pub occupation: String,
    pub branch: String,
    pub level: u8,
    pub applicant: String,
    pub working_group: Vec<Member>,
    pub definition_standard: String,
    pub definition_occupation: String,
    pub scope: String,
    pub tester_qualifications: String,
    pub candidate_qualifications: String,
    pub required_experience_months: u32,
    pub conditions: Vec<String>,
    pub criteria: Criteria,
    pub test_character: String,
    #[store(key: u32 = |d| d.id)]
    pub duties: Vec<Duty>,
    pub weights: WeightTable,
    pub test_length: u32,
    #[store(key: u32 = |b| b.id)]
    pub bank: Vec<BankItem>,
    pub matching: Vec<MatchingSet>,
    pub ioc: IocTable,
    pub seed: u64,
    pub paper: PaperSettings,
    pub include_flagged: BTreeMap<u32, String>,
    pub certification: Certification,
    pub office_check: OfficeCheck,
    #[store(key: String = |m| m.id.clone())]
    pub modules: Vec<Module>,
}

impl Draft {
    pub fn new(StandardRecord { meta, standard }: StandardRecord) -> Draft {
        let Standard {
            occupation,
            branch,
            level,
            applicant,
            working_group,
            definition_standard,
            definition_occupation,
            scope,
            tester_qualifications,
            candidate_qualifications,
            required_experience_months,
            conditions,
            criteria,
            test_character,
            duties,
            weights,
            test_length,
            bank,
            matching,
            ioc,
            seed,
            paper,
            include_flagged,
            certification,
            office_check,
            modules,
        } = standard;
        Draft {
            meta,
            occupation,
            branch,
            level,
            applicant,
            working_group,
            definition_standard,
            definition_occupation,
            scope,
            tester_qualifications,
            candidate_qualifications,
            required_experience_months,
            conditions,
            criteria,
            test_character,
            duties,
            weights,
            test_length,
            bank,
            matching,
            ioc,
            seed,
            paper,
            include_flagged,
            certification,
            office_check,
            modules,
        }
    }

    /// The standard as the domain has it.
    pub fn standard(&self) -> Standard {
        let d = self.clone();
        Standard {
            occupation: d.occupation,
            branch: d.branch,
            level: d.level,
            applicant: d.applicant,
            working_group: d.working_group,
            definition_standard: d.definition_standard,
            definition_occupation: d.definition_occupation,
            scope: d.scope,
            tester_qualifications: d.tester_qualifications,
            candidate_qualifications: d.candidate_qualifications,
            required_experience_months: d.required_experience_months,
            conditions: d.conditions,
            criteria: d.criteria,
            test_character: d.test_character,
            duties: d.duties,
            weights: d.weights,
            test_length: d.test_length,
            bank: d.bank,
            matching: d.matching,
            ioc: d.ioc,
            seed: d.seed,
            paper: d.paper,
            include_flagged: d.include_flagged,
            certification: d.certification,
            office_check: d.office_check,
            modules: d.modules,
        }
    }

    /// The record to store.
    pub fn record(&self) -> StandardRecord {
        StandardRecord { meta: self.meta.clone(), standard: self.standard() }
    }
}

/// After the whole draft was replaced (a structural edit, undo, a merged copy from another tab): the keyed lists
/// learn their rows' keys again before any row reads through them (a keyed list refreshes its keys only when it is
/// written through or iterated, and a row reading with stale keys would read another row).
pub fn rekey(store: Store<Draft>) {
    if !store.is_disposed() {
        store.duties().update_keys();
        store.bank().update_keys();
        store.modules().update_keys();
    }
}

/// A field of the draft.
pub type Top<T> = Subfield<Store<Draft>, Draft, T>;
/// A duty row of the draft.
pub type DutyAt = AtKeyed<Store<Draft>, Draft, u32, Vec<Duty>>;
/// A bank item row of the draft.
pub type BankAt = AtKeyed<Store<Draft>, Draft, u32, Vec<BankItem>>;

/// Something of the draft that is read and changed in place: a field, a row of a keyed list, or a row inside one.
/// Reading a row that is gone gives `None`, and changing it does nothing.
pub trait Place<T>: Copy + Send + Sync + 'static {
    fn read_with<U>(self, f: impl FnOnce(&T) -> U) -> Option<U>;
    fn write_with(self, f: impl FnOnce(&mut T));
}

impl<T: Send + Sync + 'static> Place<T> for Subfield<Store<Draft>, Draft, T> {
    fn read_with<U>(self, f: impl FnOnce(&T) -> U) -> Option<U> {
        self.try_with(f)
    }
    fn write_with(self, f: impl FnOnce(&mut T)) {
        self.update(f);
    }
}

impl Place<Duty> for DutyAt {
    fn read_with<U>(self, f: impl FnOnce(&Duty) -> U) -> Option<U> {
        self.try_with(f)
    }
    fn write_with(self, f: impl FnOnce(&mut Duty)) {
        self.update(f);
    }
}

impl Place<BankItem> for BankAt {
    fn read_with<U>(self, f: impl FnOnce(&BankItem) -> U) -> Option<U> {
        self.try_with(f)
    }
    fn write_with(self, f: impl FnOnce(&mut BankItem)) {
        self.update(f);
    }
}

/// A task of a duty row, by id.
#[derive(Clone, Copy)]
pub struct TaskAt {
    pub duty: DutyAt,
    pub id: u32,
}

impl Place<Task> for TaskAt {
    fn read_with<U>(self, f: impl FnOnce(&Task) -> U) -> Option<U> {
        self.duty.read_with(|d| d.tasks.iter().find(|t| t.id == self.id).map(f)).flatten()
    }
    fn write_with(self, f: impl FnOnce(&mut Task)) {
        self.duty.write_with(|d| {
            if let Some(t) = d.tasks.iter_mut().find(|t| t.id == self.id) {
                f(t);
            }
        });
    }
}

/// A step of a task, by id.
#[derive(Clone, Copy)]
pub struct StepAt {
    pub task: TaskAt,
    pub id: u32,
}

impl Place<Step> for StepAt {
    fn read_with<U>(self, f: impl FnOnce(&Step) -> U) -> Option<U> {
        self.task.read_with(|t| t.steps.iter().find(|s| s.id == self.id).map(f)).flatten()
    }
    fn write_with(self, f: impl FnOnce(&mut Step)) {
        self.task.write_with(|t| {
            if let Some(s) = t.steps.iter_mut().find(|s| s.id == self.id) {
                f(s);
            }
        });
    }
}

/// A module row of the draft, by id (the draft's modules are keyed by their text ids).
#[derive(Clone, Copy)]
pub struct ModuleAt {
    pub store: Store<Draft>,
    pub id: StoredValue<String>,
}

impl Place<Module> for ModuleAt {
    fn read_with<U>(self, f: impl FnOnce(&Module) -> U) -> Option<U> {
        self.id.try_with_value(|id| self.store.modules().at_key(id.clone()).try_with(f)).flatten()
    }
    fn write_with(self, f: impl FnOnce(&mut Module)) {
        if let Some(id) = self.id.try_get_value() {
            self.store.modules().at_key(id).update(f);
        }
    }
}

/// A practical item of a module row, by id.
#[derive(Clone, Copy)]
pub struct ItemAt {
    pub module: ModuleAt,
    pub id: StoredValue<String>,
}

impl Place<PracticalItem> for ItemAt {
    fn read_with<U>(self, f: impl FnOnce(&PracticalItem) -> U) -> Option<U> {
        self.id.try_with_value(|id| self.module.read_with(|m| m.items.iter().find(|i| &i.id == id).map(f))).flatten().flatten()
    }
    fn write_with(self, f: impl FnOnce(&mut PracticalItem)) {
        self.id.try_with_value(|id| {
            self.module.write_with(|m| {
                if let Some(i) = m.items.iter_mut().find(|i| &i.id == id) {
                    f(i);
                }
            })
        });
    }
}
