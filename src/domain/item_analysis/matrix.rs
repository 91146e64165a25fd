//! The answers of a test sitting, stored columnar and bit-packed: for every (option, item) one bitset over the
//! candidates, set where the candidate chose that option. An omitted answer is a candidate set in none of the item's
//! bitsets. Memory is `options × items × ⌈candidates / 64⌉` words, linear in the data; counting how many candidates
//! of a group chose an option is an AND and a popcount per 64 candidates.

use std::fmt;

/// The most options an item may have: ก–จ / A–E.
pub const MAX_OPTIONS: usize = 5;

/// The code of an omitted answer in row-major code buffers ([`ResponseMatrix::from_codes`]).
pub const OMITTED: u8 = u8::MAX;

/// A candidate × item matrix of chosen options (0-based option indices) or omitted answers.
#[derive(Clone, PartialEq, Eq)]
pub struct ResponseMatrix {
    candidates: usize,
    items: usize,
    options: usize,
    words: usize,
    /// `bits[((option * items) + item) * words + word]`.
    bits: Vec<u64>,
}

impl fmt::Debug for ResponseMatrix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseMatrix")
            .field("candidates", &self.candidates)
            .field("items", &self.items)
            .field("options", &self.options)
            .finish()
    }
}

/// A shape or an answer the matrix cannot hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MatrixError {
    /// Options must be 2..=5.
    Options(usize),
    /// A row of [`ResponseMatrix::from_rows`] or [`ResponseMatrix::from_codes`] has the wrong length.
    RowLength { candidate: usize, expected: usize, got: usize },
    /// An answer is not below the option count (and not omitted).
    Answer { candidate: usize, item: usize, answer: u8 },
    /// [`ResponseMatrix::from_bits`]: the words are not `options × items × ⌈candidates / 64⌉` long.
    Words { expected: usize, got: usize },
    /// [`ResponseMatrix::from_bits`]: a candidate chose two options of one item, or a bit is set past the last
    /// candidate (`candidate` is then that bit's index).
    Bits { candidate: usize, item: usize },
}

impl fmt::Display for MatrixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatrixError::Options(n) => write!(f, "an item must have 2 to {MAX_OPTIONS} options, got {n}"),
            MatrixError::RowLength { candidate, expected, got } => {
                write!(f, "candidate {}: {got} answers, expected {expected}", candidate + 1)
            }
            MatrixError::Answer { candidate, item, answer } => {
                write!(f, "candidate {}, item {}: option index {answer} is out of range", candidate + 1, item + 1)
            }
            MatrixError::Words { expected, got } => write!(f, "{got} words of answers, expected {expected}"),
            MatrixError::Bits { candidate, item } => {
                write!(f, "candidate {}, item {}: more than one option, or no such candidate", candidate + 1, item + 1)
            }
        }
    }
}

impl ResponseMatrix {
    /// An empty matrix (every answer omitted).
    pub fn new(candidates: usize, items: usize, options: usize) -> Result<ResponseMatrix, MatrixError> {
        if !(2..=MAX_OPTIONS).contains(&options) {
            return Err(MatrixError::Options(options));
        }
        let words = candidates.div_ceil(64);
        Ok(ResponseMatrix { candidates, items, options, words, bits: vec![0; options * items * words] })
    }

    /// From row-major codes (`codes[candidate * items + item]`), [`OMITTED`] for an omitted answer.
    pub fn from_codes(items: usize, options: usize, codes: &[u8]) -> Result<ResponseMatrix, MatrixError> {
        let candidates = codes.len().checked_div(items).unwrap_or(0);
        if items > 0 && codes.len() % items != 0 {
            return Err(MatrixError::RowLength { candidate: candidates, expected: items, got: codes.len() % items });
        }
        let mut m = ResponseMatrix::new(candidates, items, options)?;
        for (c, row) in codes.chunks_exact(items.max(1)).enumerate().take(candidates) {
            let (word, bit) = (c / 64, 1u64 << (c % 64));
            for (i, &code) in row.iter().enumerate() {
                if code == OMITTED {
                    continue;
                }
                if usize::from(code) >= options {
                    return Err(MatrixError::Answer { candidate: c, item: i, answer: code });
                }
                m.bits[(usize::from(code) * items + i) * m.words + word] |= bit;
            }
        }
        Ok(m)
    }

    /// From its words as [`ResponseMatrix::bits`] gave them (a matrix handed over from the import worker as one
    /// buffer), checked: the length, no bit past the last candidate, no candidate in two options of one item.
    pub fn from_bits(candidates: usize, items: usize, options: usize, bits: Vec<u64>) -> Result<ResponseMatrix, MatrixError> {
        if !(2..=MAX_OPTIONS).contains(&options) {
            return Err(MatrixError::Options(options));
        }
        let words = candidates.div_ceil(64);
        let expected = options.checked_mul(items).and_then(|n| n.checked_mul(words)).unwrap_or(usize::MAX);
        if bits.len() != expected {
            return Err(MatrixError::Words { expected, got: bits.len() });
        }
        let m = ResponseMatrix { candidates, items, options, words, bits };
        // Bits past the last candidate: only the last word of each bitset can hold them.
        let tail = if candidates % 64 == 0 { 0 } else { u64::MAX << (candidates % 64) };
        // Item by item, each option's bitset in order (the words as they lie in memory): who chose an option so far.
        let mut seen = vec![0u64; words];
        for item in 0..items {
            seen.fill(0);
            for o in 0..options {
                let bits = m.option_bits(item, o);
                if let Some(word) = seen.iter().zip(bits).position(|(s, b)| s & b != 0) {
                    let wrong = seen[word] & bits[word];
                    return Err(MatrixError::Bits { candidate: word * 64 + wrong.trailing_zeros() as usize, item });
                }
                if let Some(&last) = bits.last() {
                    if last & tail != 0 {
                        let candidate = (words - 1) * 64 + (last & tail).trailing_zeros() as usize;
                        return Err(MatrixError::Bits { candidate, item });
                    }
                }
                for (s, b) in seen.iter_mut().zip(bits) {
                    *s |= b;
                }
            }
        }
        Ok(m)
    }

    /// Every word, `bits[((option * items) + item) * words + word]` (for [`ResponseMatrix::from_bits`]).
    pub fn bits(&self) -> &[u64] {
        &self.bits
    }

    /// From one row per candidate: `Some(option index)` or `None` for omitted.
    pub fn from_rows(items: usize, options: usize, rows: &[Vec<Option<u8>>]) -> Result<ResponseMatrix, MatrixError> {
        let mut m = ResponseMatrix::new(rows.len(), items, options)?;
        for (c, row) in rows.iter().enumerate() {
            if row.len() != items {
                return Err(MatrixError::RowLength { candidate: c, expected: items, got: row.len() });
            }
            for (i, &a) in row.iter().enumerate() {
                m.set(c, i, a)?;
            }
        }
        Ok(m)
    }

    /// Sets one answer (replacing the previous one). Panics if `candidate` or `item` is out of range.
    pub fn set(&mut self, candidate: usize, item: usize, answer: Option<u8>) -> Result<(), MatrixError> {
        assert!(candidate < self.candidates && item < self.items, "answer outside the matrix");
        if let Some(a) = answer {
            if usize::from(a) >= self.options {
                return Err(MatrixError::Answer { candidate, item, answer: a });
            }
        }
        let (word, bit) = (candidate / 64, 1u64 << (candidate % 64));
        for o in 0..self.options {
            let w = &mut self.bits[(o * self.items + item) * self.words + word];
            if answer == Some(o as u8) {
                *w |= bit;
            } else {
                *w &= !bit;
            }
        }
        Ok(())
    }

    /// Sets every candidate's answer to `item` at once from `codes` (one per candidate, in candidate order,
    /// [`OMITTED`] for an omitted answer), replacing what was there: 64 candidates per word, built in registers.
    pub fn set_item(&mut self, item: usize, codes: &[u8]) -> Result<(), MatrixError> {
        assert!(item < self.items, "item outside the matrix");
        if codes.len() != self.candidates {
            return Err(MatrixError::RowLength { candidate: item, expected: self.candidates, got: codes.len() });
        }
        for (word, chunk) in codes.chunks(64).enumerate() {
            let mut words = [0u64; MAX_OPTIONS];
            for (bit, &code) in chunk.iter().enumerate() {
                if code == OMITTED {
                    continue;
                }
                if usize::from(code) >= self.options {
                    return Err(MatrixError::Answer { candidate: word * 64 + bit, item, answer: code });
                }
                words[usize::from(code)] |= 1 << bit;
            }
            for (o, w) in words.iter().enumerate().take(self.options) {
                self.bits[(o * self.items + item) * self.words + word] = *w;
            }
        }
        Ok(())
    }

    /// Every candidate's answer to `item`, in candidate order, [`OMITTED`] where omitted, into `out` (cleared first).
    pub fn item_codes(&self, item: usize, out: &mut Vec<u8>) {
        out.clear();
        out.resize(self.candidates, OMITTED);
        for o in 0..self.options {
            for (word, &bits) in self.option_bits(item, o).iter().enumerate() {
                let mut rest = bits;
                while rest != 0 {
                    let bit = rest.trailing_zeros() as usize;
                    out[word * 64 + bit] = o as u8;
                    rest &= rest - 1;
                }
            }
        }
    }

    /// One answer: the option index or `None` if omitted.
    pub fn get(&self, candidate: usize, item: usize) -> Option<u8> {
        let (word, bit) = (candidate / 64, 1u64 << (candidate % 64));
        (0..self.options).find(|&o| self.option_bits(item, o)[word] & bit != 0).map(|o| o as u8)
    }

    pub fn candidates(&self) -> usize {
        self.candidates
    }

    pub fn items(&self) -> usize {
        self.items
    }

    pub fn options(&self) -> usize {
        self.options
    }

    /// 64-candidate words per bitset.
    pub fn words(&self) -> usize {
        self.words
    }

    /// The candidates who chose `option` on `item`, as a bitset (`words()` long; bits past the last candidate are 0).
    pub fn option_bits(&self, item: usize, option: usize) -> &[u64] {
        let start = (option * self.items + item) * self.words;
        &self.bits[start..start + self.words]
    }

    /// The same answers with the candidates in another order: `order[new] = old`. Used to check that results do not
    /// depend on candidate order.
    pub fn permuted(&self, order: &[usize]) -> ResponseMatrix {
        assert_eq!(order.len(), self.candidates, "a permutation of every candidate");
        let mut m = ResponseMatrix { bits: vec![0; self.bits.len()], ..self.clone() };
        for (new, &old) in order.iter().enumerate() {
            for i in 0..self.items {
                m.set(new, i, self.get(old, i)).expect("same shape");
            }
        }
        m
    }
}

/// Bitset helpers over `u64` words.
pub(crate) mod bitset {
    /// Number of set bits.
    pub fn count(a: &[u64]) -> u32 {
        a.iter().map(|w| w.count_ones()).sum()
    }

    /// Number of bits set in both.
    pub fn count_and(a: &[u64], b: &[u64]) -> u32 {
        a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum()
    }

    /// Sets bit `i`.
    pub fn set(a: &mut [u64], i: usize) {
        a[i / 64] |= 1 << (i % 64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_and_codes_agree() {
        let rows = vec![vec![Some(0), None, Some(3)], vec![Some(1), Some(1), None]];
        let m = ResponseMatrix::from_rows(3, 4, &rows).unwrap();
        assert_eq!((m.candidates(), m.items(), m.options(), m.words()), (2, 3, 4, 1));
        assert_eq!(m.get(0, 0), Some(0));
        assert_eq!(m.get(0, 1), None);
        assert_eq!(m.get(0, 2), Some(3));
        assert_eq!(m.get(1, 1), Some(1));
        let codes = [0, OMITTED, 3, 1, 1, OMITTED];
        assert_eq!(ResponseMatrix::from_codes(3, 4, &codes).unwrap(), m);
        let mut m2 = m.clone();
        m2.set(0, 0, Some(2)).unwrap();
        assert_eq!(m2.get(0, 0), Some(2));
        assert_eq!(bitset::count(m2.option_bits(0, 0)), 0);
        m2.set(0, 0, None).unwrap();
        assert_eq!(m2.get(0, 0), None);
    }

    #[test]
    fn refuses_bad_shapes_and_answers() {
        assert_eq!(ResponseMatrix::new(3, 2, 1).unwrap_err(), MatrixError::Options(1));
        assert_eq!(ResponseMatrix::new(3, 2, 6).unwrap_err(), MatrixError::Options(6));
        assert_eq!(
            ResponseMatrix::from_rows(2, 4, &[vec![Some(0)]]).unwrap_err(),
            MatrixError::RowLength { candidate: 0, expected: 2, got: 1 }
        );
        assert_eq!(
            ResponseMatrix::from_codes(2, 4, &[0, 4]).unwrap_err(),
            MatrixError::Answer { candidate: 0, item: 1, answer: 4 }
        );
        assert!(ResponseMatrix::from_codes(2, 4, &[0, 1, 2]).is_err());
        assert_eq!(MatrixError::Options(6).to_string(), "an item must have 2 to 5 options, got 6");
    }

    #[test]
    fn items_set_and_read_whole() {
        let n = 150;
        let codes: Vec<u8> = (0..n).map(|c| if c % 5 == 0 { OMITTED } else { (c % 3) as u8 }).collect();
        let mut m = ResponseMatrix::new(n, 2, 3).unwrap();
        m.set(7, 1, Some(2)).unwrap();
        m.set_item(1, &codes).unwrap();
        let mut back = Vec::new();
        m.item_codes(1, &mut back);
        assert_eq!(back, codes);
        assert_eq!(m.get(7, 1), Some(1), "replaced, not or-ed");
        m.item_codes(0, &mut back);
        assert!(back.iter().all(|&c| c == OMITTED));
        assert_eq!(m.set_item(0, &codes[1..]).unwrap_err(), MatrixError::RowLength { candidate: 0, expected: n, got: n - 1 });
        let mut bad = codes.clone();
        bad[70] = 3;
        assert_eq!(m.set_item(0, &bad).unwrap_err(), MatrixError::Answer { candidate: 70, item: 0, answer: 3 });
    }

    #[test]
    fn bits_round_trip_and_are_checked() {
        let n = 130;
        let codes: Vec<u8> = (0..n * 3).map(|c| if c % 7 == 0 { OMITTED } else { (c % 4) as u8 }).collect();
        let m = ResponseMatrix::from_codes(3, 4, &codes).unwrap();
        assert_eq!(ResponseMatrix::from_bits(n, 3, 4, m.bits().to_vec()).unwrap(), m);
        let short = m.bits()[1..].to_vec();
        assert_eq!(ResponseMatrix::from_bits(n, 3, 4, short).unwrap_err(), MatrixError::Words { expected: 36, got: 35 });
        assert_eq!(ResponseMatrix::from_bits(n, 3, 1, m.bits().to_vec()).unwrap_err(), MatrixError::Options(1));
        // Candidate 1 (item 0 answered D) also set in option A of item 0.
        assert_eq!(m.get(1, 0), Some(3));
        let mut two = m.bits().to_vec();
        two[0] |= 1 << 1;
        assert_eq!(ResponseMatrix::from_bits(n, 3, 4, two).unwrap_err(), MatrixError::Bits { candidate: 1, item: 0 });
        // A bit past candidate 130 in item 2's last word of option D.
        let mut past = m.bits().to_vec();
        past[(3 * 3 + 2) * 3 + 2] |= 1 << 5;
        assert_eq!(ResponseMatrix::from_bits(n, 3, 4, past).unwrap_err(), MatrixError::Bits { candidate: 133, item: 2 });
        let whole = ResponseMatrix::from_codes(1, 2, &[0; 64]).unwrap();
        assert_eq!(ResponseMatrix::from_bits(64, 1, 2, whole.bits().to_vec()).unwrap(), whole);
    }

    #[test]
    fn many_candidates_span_words_and_permute() {
        let n = 130;
        let codes: Vec<u8> = (0..n).map(|c| if c % 7 == 0 { OMITTED } else { (c % 4) as u8 }).collect();
        let m = ResponseMatrix::from_codes(1, 4, &codes).unwrap();
        assert_eq!(m.words(), 3);
        assert_eq!((0..4).map(|o| bitset::count(m.option_bits(0, o))).sum::<u32>(), 130 - 19);
        let order: Vec<usize> = (0..n).rev().collect();
        let p = m.permuted(&order);
        assert_eq!(p.get(0, 0), m.get(129, 0));
        assert_eq!(p.get(129, 0), None);
    }
}
