//! Judge tablets (ใช้แท็บเล็ตให้คะแนนภาคความสามารถ): practical marks entered by several judges on their own tablets,
//! with no network, then gathered on the chief tester's tablet. Pure rules only: no browser, no storage, no UI.
//!
//! A mark is a Section 26 [`MarkRecord`](crate::domain::section26::records::MarkRecord): UUID, candidate, module,
//! item, judge number, value, time, device, and the record it replaces — never overwritten. Judges of judgement items
//! fill their own slot (judge 1…N); measurement, yes/no and critical items have one slot (judge 0) any judge fills.
//!
//! - [`exchange`]: the marks file a tablet exports and the chief's tablet imports (a backup file holding only marks,
//!   so it carries the backup's checksum and checks);
//! - [`merge`]: importing without duplicates (the same file twice changes nothing), the current marks of each slot,
//!   conflicts (one slot, different values, from two devices) and the decision that settles one;
//! - [`board`]: the chief's view of a candidate's module: per item waiting / conflict / spread > 1 (re-mark) /
//!   final, and whether the module can be finalised.

pub mod board;
pub mod exchange;
pub mod merge;
