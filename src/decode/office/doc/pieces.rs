//! The piece table ([MS-DOC] 2.9.38 `Clx`, 2.9.177 `PlcPcd`): where each
//! run of the document's characters lies in the `WordDocument` stream, and
//! whether it is stored as 8-bit cp1252 ("compressed") or UTF-16LE.
//!
//! A document Word saved fast (edited in place) has its text in many
//! pieces out of stream order; only the piece table says the order.

use std::ops::Range;

use super::{le_u16, le_u32, malformed};
use crate::decode::office::OfficeError;

/// One piece: characters `cp` of the document, stored from byte `start`
/// of the `WordDocument` stream, one byte each when `compressed`, two
/// otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece {
    pub(super) cp: Range<u32>,
    pub(super) start: usize,
    pub(super) compressed: bool,
}

/// `Clx` entry kinds: a property modifier (`Prc`, skipped) and the piece
/// table (`Pcdt`).
const CLX_PRC: u8 = 0x01;
const CLX_PCDT: u8 = 0x02;
/// Bytes of a `Pcd`: flags (2), `fc` (4), `prm` (2).
const PCD_SIZE: usize = 8;
/// `FcCompressed.fCompressed`: the piece is 8-bit text at `fc / 2`.
const FC_COMPRESSED: u32 = 0x4000_0000;

/// The pieces of a `Clx` (the table stream's bytes `fcClx..+lcbClx`), each
/// checked to lie inside a `WordDocument` stream of `word_len` bytes.
///
/// # Errors
/// [`OfficeError::Malformed`] for a `Clx` whose entries run past its end,
/// that has no piece table, or whose character positions go backwards;
/// [`OfficeError::Truncated`] for a piece whose text lies past the end of
/// the `WordDocument` stream.
pub(super) fn read_pieces(clx: &[u8], word_len: usize) -> Result<Vec<Piece>, OfficeError> {
    let mut at = 0usize;
    let plc = loop {
        match clx.get(at).copied() {
            Some(CLX_PRC) => {
                let cb = le_u16(clx, at + 1, "a Prc's size in the Clx").map_err(malformed)?;
                at += 3 + usize::from(cb);
            }
            Some(CLX_PCDT) => {
                let lcb =
                    le_u32(clx, at + 1, "the Pcdt's size in the Clx").map_err(malformed)? as usize;
                let body = at + 5;
                break clx.get(body..body.saturating_add(lcb)).ok_or_else(|| {
                    malformed(format!(
                        "the piece table ({lcb} bytes at {body}) runs past the end of the \
                         Clx ({} bytes)",
                        clx.len()
                    ))
                })?;
            }
            Some(kind) => {
                return Err(malformed(format!(
                    "Clx entry of kind {kind:#04x} at byte {at} (neither Prc 0x01 nor Pcdt 0x02)"
                )))
            }
            None => return Err(malformed("the Clx has no piece table (Pcdt)".into())),
        }
    };
    // n + 1 character positions, then n Pcds: 4(n + 1) + 8n bytes. The
    // count comes from the table stream's own length, so a hostile size
    // cannot ask for more than the stream holds.
    if plc.len() < 4 + 4 + PCD_SIZE || (plc.len() - 4) % (4 + PCD_SIZE) != 0 {
        return Err(malformed(format!(
            "a piece table of {} bytes is no whole number of pieces",
            plc.len()
        )));
    }
    let n = (plc.len() - 4) / (4 + PCD_SIZE);
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let cp_start = le_u32(plc, 4 * i, "a piece's first CP").map_err(malformed)?;
        let cp_end = le_u32(plc, 4 * (i + 1), "a piece's last CP").map_err(malformed)?;
        if cp_end < cp_start {
            return Err(malformed(format!(
                "piece {i} ends at CP {cp_end}, before its start {cp_start}"
            )));
        }
        let pcd = 4 * (n + 1) + PCD_SIZE * i;
        let fc = le_u32(plc, pcd + 2, "a piece's fc").map_err(malformed)?;
        let compressed = fc & FC_COMPRESSED != 0;
        let fc = fc & !(FC_COMPRESSED | 0x8000_0000);
        let (start, width) = if compressed {
            (fc as usize / 2, 1)
        } else {
            (fc as usize, 2)
        };
        let end = start.saturating_add((cp_end - cp_start) as usize * width);
        if end > word_len {
            return Err(OfficeError::Truncated {
                detail: format!(
                    "piece {i}'s text (bytes {start}..{end}) runs past the end of the \
                     WordDocument stream ({word_len} bytes)"
                ),
            });
        }
        pieces.push(Piece {
            cp: cp_start..cp_end,
            start,
            compressed,
        });
    }
    Ok(pieces)
}

/// cp1252's 0x80–0x9F (the rest of its bytes are Latin-1): how Word maps a
/// compressed piece's bytes ([MS-DOC] 2.4.1).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Calls `each` with every character of CPs `0..ccp` in order and the byte
/// offset it is stored at (how paragraph properties are found).
///
/// # Errors
/// [`OfficeError::Malformed`] when the pieces hold fewer than `ccp`
/// characters, or more in all than the stream has bytes (pieces sharing
/// bytes: no writer does that, and it would let a small file claim
/// gigabytes of text).
pub(super) fn for_each_char(
    word: &[u8],
    pieces: &[Piece],
    ccp: u32,
    mut each: impl FnMut(char, usize),
) -> Result<(), OfficeError> {
    let covered = pieces.iter().map(|p| p.cp.end).max().unwrap_or(0);
    if covered < ccp {
        return Err(malformed(format!(
            "the main text has {ccp} characters (ccpText) but the piece table covers {covered}"
        )));
    }
    let total: u64 = pieces
        .iter()
        .map(|p| u64::from(p.cp.end.min(ccp).saturating_sub(p.cp.start)))
        .sum();
    if total > word.len() as u64 {
        return Err(malformed(format!(
            "the piece table claims {total} characters of main text, more than the \
             WordDocument stream's {} bytes",
            word.len()
        )));
    }
    // Pieces are in CP order in every file seen; sorting costs nothing and
    // makes a shuffled table read in order rather than scrambled.
    let mut order: Vec<&Piece> = pieces.iter().filter(|p| p.cp.start < ccp).collect();
    order.sort_by_key(|p| p.cp.start);
    for p in order {
        let len = (p.cp.end.min(ccp) - p.cp.start) as usize;
        // Bounds were checked by read_pieces against this stream.
        if p.compressed {
            for (i, &b) in word[p.start..p.start + len].iter().enumerate() {
                let c = match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                };
                each(c, p.start + i);
            }
        } else {
            let units = word[p.start..p.start + 2 * len]
                .chunks_exact(2)
                .map(|u| u16::from_le_bytes([u[0], u[1]]));
            let mut at = p.start;
            for c in char::decode_utf16(units) {
                let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
                each(c, at);
                at += 2 * c.len_utf16();
            }
        }
    }
    Ok(())
}
