//! Paragraph properties ([MS-DOC] 2.9.34 `PlcBtePapx`, 2.9.175
//! `PapxFkp`): only what tells a table's cells and rows apart, where a
//! row's cells are merged down, whether a paragraph is centred, and
//! whether it carries automatic list numbering.
//!
//! The text alone cannot say where a row ends: a cell ends with `\x07`
//! and so does a row, so an empty last cell and a row end look alike.
//! Word marks the row's end paragraph (`sprmPFTtp`), and that paragraph
//! holds the row's definition (`sprmTDefTable`, where merges are).
//! Properties a paragraph style gives are not read: Word writes the
//! table sprms on the paragraph itself.

use super::{le_u32, malformed};
use crate::decode::office::docx::tables::VMerge;
use crate::decode::office::OfficeError;

/// What one paragraph's direct properties say.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ParaProps {
    /// In a table (`sprmPFInTable`).
    pub(super) in_table: bool,
    /// The mark ends a table row (`sprmPFTtp`), not a cell.
    pub(super) row_end: bool,
    /// The mark ends a cell or a row of a table nested in a cell
    /// (`sprmPFInnerTableCell`, `sprmPFInnerTtp`): such marks are `\r`.
    pub(super) inner_cell: bool,
    pub(super) inner_row_end: bool,
    /// How deep in tables (`sprmPItap`): 1 in a table, 2 in a table in
    /// one of its cells…; 0 when not stated (1 if `in_table`).
    pub(super) depth: usize,
    /// Centred (`sprmPJc`, `sprmPJc80`).
    pub(super) centered: bool,
    /// Numbered by a list (`sprmPIlfo` naming a list): its label exists
    /// only in the list tables, not in the text.
    pub(super) list: bool,
    /// A row end's cells merged down, by cell (`sprmTDefTable`'s `TC80`s,
    /// `sprmTVertMerge`).
    pub(super) merges: Vec<VMerge>,
    /// A row end's cell edges in twips (`sprmTDefTable`'s `rgdxaCenter`):
    /// a cell merged across columns is one cell between edges wider apart.
    pub(super) edges: Vec<i16>,
}

/// The paragraph runs of the document: byte ranges of the `WordDocument`
/// stream (a paragraph's, up to and including its mark) and their
/// properties, in stream order.
#[derive(Debug, Default)]
pub(super) struct ParaRuns {
    runs: Vec<(u32, u32, ParaProps)>,
}

/// A formatted disk page is 512 bytes; its last byte counts its runs.
const FKP_SIZE: usize = 512;
/// Bytes of a `BxPap` in a `PapxFkp`: the offset byte and a 12-byte `PHE`.
const BX_SIZE: usize = 13;

const SPRM_P_FIN_TABLE: u16 = 0x2416;
const SPRM_P_FTTP: u16 = 0x2417;
const SPRM_P_FINNER_TABLE_CELL: u16 = 0x244B;
const SPRM_P_FINNER_TTP: u16 = 0x244C;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_P_JC80: u16 = 0x2403;
const SPRM_P_JC: u16 = 0x2461;
const SPRM_P_ILFO: u16 = 0x460B;
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_T_VERT_MERGE: u16 = 0xD62B;
const SPRM_P_CHG_TABS: u16 = 0xC615;
/// `TC80.tcgrf` bits: the cell is merged with the one above or below it,
/// and is the first of those.
const TC_VERT_MERGE: u16 = 0x0020;
const TC_VERT_RESTART: u16 = 0x0040;
/// Deepest table nesting read: Word nests tables some 60 deep at most,
/// and a hostile depth must not open millions of tables.
const MAX_DEPTH: usize = 64;
/// Bytes of a `TC80`.
const TC80_SIZE: usize = 20;

impl ParaRuns {
    /// Reads the `PlcBtePapx` (`plc`, from the table stream) and the pages
    /// it names in `word`.
    ///
    /// # Errors
    /// [`OfficeError::Malformed`] for a `PlcBtePapx` of no whole number of
    /// entries or naming more pages than the stream has, and a page or
    /// property list whose offsets fall outside it;
    /// [`OfficeError::Truncated`] for a page past the stream's end.
    pub(super) fn read(word: &[u8], plc: &[u8]) -> Result<Self, OfficeError> {
        if plc.is_empty() {
            return Ok(ParaRuns::default());
        }
        if plc.len() < 4 || (plc.len() - 4) % 8 != 0 {
            return Err(malformed(format!(
                "the paragraph property index (PlcBtePapx) of {} bytes is no whole number \
                 of entries",
                plc.len()
            )));
        }
        let n = (plc.len() - 4) / 8;
        // Each entry names a distinct page of the stream: more entries
        // than pages is a hostile file asking for work.
        if n > word.len() / FKP_SIZE {
            return Err(malformed(format!(
                "the paragraph property index names {n} pages; the WordDocument stream \
                 has {}",
                word.len() / FKP_SIZE
            )));
        }
        let mut runs = Vec::new();
        for i in 0..n {
            let pn =
                le_u32(plc, 4 * (n + 1) + 4 * i, "a PnFkpPapx").map_err(malformed)? & 0x003F_FFFF;
            let at = pn as usize * FKP_SIZE;
            let page = word
                .get(at..at + FKP_SIZE)
                .ok_or_else(|| OfficeError::Truncated {
                    detail: format!(
                        "paragraph property page {pn} (bytes {at}..{}) lies past the end of the \
                     WordDocument stream ({} bytes)",
                        at + FKP_SIZE,
                        word.len()
                    ),
                })?;
            read_page(page, pn, &mut runs)?;
        }
        runs.sort_by_key(|r| r.0);
        Ok(ParaRuns { runs })
    }

    /// The properties of the paragraph whose mark is stored at byte `at`;
    /// the defaults when no run covers it.
    pub(super) fn at(&self, at: usize) -> Option<&ParaProps> {
        let at = u32::try_from(at).ok()?;
        let i = self.runs.partition_point(|r| r.0 <= at);
        let (start, end, props) = self.runs.get(i.checked_sub(1)?)?;
        (*start <= at && at < *end).then_some(props)
    }
}

/// The runs of one `PapxFkp`.
fn read_page(
    page: &[u8],
    pn: u32,
    runs: &mut Vec<(u32, u32, ParaProps)>,
) -> Result<(), OfficeError> {
    let crun = usize::from(page[FKP_SIZE - 1]);
    let bx_at = 4 * (crun + 1);
    if bx_at + BX_SIZE * crun > FKP_SIZE - 1 {
        return Err(malformed(format!(
            "paragraph property page {pn} claims {crun} runs, more than a page holds"
        )));
    }
    for i in 0..crun {
        let start = le_u32(page, 4 * i, "a PapxFkp rgfc").map_err(malformed)?;
        let end = le_u32(page, 4 * (i + 1), "a PapxFkp rgfc").map_err(malformed)?;
        let offset = usize::from(page[bx_at + BX_SIZE * i]) * 2;
        let props = if offset == 0 {
            ParaProps::default()
        } else {
            let grpprl = papx_grpprl(page, offset).ok_or_else(|| {
                malformed(format!(
                    "run {i} of paragraph property page {pn}: its properties at byte \
                     {offset} run past the page"
                ))
            })?;
            // The style index (2 bytes) comes first.
            read_sprms(grpprl.get(2..).unwrap_or_default())
        };
        runs.push((start, end, props));
    }
    Ok(())
}

/// A `PapxInFkp`'s `grpprlInPapx` (style index and sprms): its size is
/// `2cb − 1` bytes after a non-zero `cb`, `2cb'` after a zero one.
fn papx_grpprl(page: &[u8], at: usize) -> Option<&[u8]> {
    let cb = usize::from(*page.get(at)?);
    let (start, len) = if cb != 0 {
        (at + 1, 2 * cb - 1)
    } else {
        (at + 2, 2 * usize::from(*page.get(at + 1)?))
    };
    page.get(start..start.checked_add(len)?)
        .filter(|_| start + len < FKP_SIZE)
}

/// The properties a list of sprms sets. A sprm whose operand would run
/// past the list ends it: what came before still counts.
fn read_sprms(mut grpprl: &[u8]) -> ParaProps {
    let mut props = ParaProps::default();
    while grpprl.len() >= 2 {
        let sprm = u16::from_le_bytes([grpprl[0], grpprl[1]]);
        let rest = &grpprl[2..];
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => match sprm {
                // The operand's size is a u16 counting the bytes after it,
                // plus one ([MS-DOC] 2.9.323 TDefTableOperand).
                SPRM_T_DEF_TABLE => match rest.get(..2) {
                    Some(b) => 2 + usize::from(u16::from_le_bytes([b[0], b[1]])).saturating_sub(1),
                    None => break,
                },
                // A size byte of 255 means a layout too long to follow;
                // nothing after it is needed here.
                SPRM_P_CHG_TABS if rest.first() == Some(&255) => break,
                _ => match rest.first() {
                    Some(&cb) => 1 + usize::from(cb),
                    None => break,
                },
            },
        };
        let Some(op) = rest.get(..len) else { break };
        match sprm {
            SPRM_P_FIN_TABLE => props.in_table = op[0] != 0,
            SPRM_P_FTTP => props.row_end = op[0] != 0,
            SPRM_P_FINNER_TABLE_CELL => props.inner_cell = op[0] != 0,
            SPRM_P_FINNER_TTP => props.inner_row_end = op[0] != 0,
            SPRM_P_ITAP => {
                let itap = u32::from_le_bytes([op[0], op[1], op[2], op[3]]);
                props.depth = (itap as usize).min(MAX_DEPTH);
            }
            SPRM_P_JC80 | SPRM_P_JC => props.centered = op[0] == 1,
            SPRM_P_ILFO => {
                // 0 is no list; negative values (0xF801) keep a list's
                // indent without its number.
                let ilfo = i16::from_le_bytes([op[0], op[1]]);
                props.list = ilfo > 0;
            }
            SPRM_T_DEF_TABLE => {
                props.merges = cell_merges(&op[2..]);
                props.edges = cell_edges(&op[2..]);
            }
            SPRM_T_VERT_MERGE if op.len() >= 3 => {
                let (itc, merge) = (usize::from(op[1]), op[2]);
                if itc < props.merges.len() {
                    props.merges[itc] = match merge {
                        1 => VMerge::Restart,
                        3 => VMerge::Continue,
                        _ => VMerge::None,
                    };
                }
            }
            _ => {}
        }
        grpprl = &rest[len..];
    }
    props
}

/// The cells' edges from a `TDefTableOperand` after its size: `itcMac`,
/// then `itcMac + 1` signed twips (none when cut short).
fn cell_edges(op: &[u8]) -> Vec<i16> {
    let Some(&count) = op.first() else {
        return Vec::new();
    };
    op.get(1..1 + 2 * (usize::from(count) + 1))
        .map(|b| {
            b.chunks_exact(2)
                .map(|c| i16::from_le_bytes([c[0], c[1]]))
                .collect()
        })
        .unwrap_or_default()
}

/// Each cell's vertical merge from a `TDefTableOperand` after its size:
/// `itcMac`, `itcMac + 1` cell edges, then up to `itcMac` `TC80`s.
fn cell_merges(op: &[u8]) -> Vec<VMerge> {
    let Some(&count) = op.first() else {
        return Vec::new();
    };
    let count = usize::from(count);
    let tcs = op.get(1 + 2 * (count + 1)..).unwrap_or_default();
    (0..count)
        .map(|i| {
            let Some(tc) = tcs.get(TC80_SIZE * i..TC80_SIZE * i + 2) else {
                return VMerge::None;
            };
            let flags = u16::from_le_bytes([tc[0], tc[1]]);
            match (flags & TC_VERT_MERGE != 0, flags & TC_VERT_RESTART != 0) {
                (false, _) => VMerge::None,
                (true, true) => VMerge::Restart,
                (true, false) => VMerge::Continue,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_say_row_end_merges_and_list() {
        let mut g = Vec::new();
        g.extend_from_slice(&SPRM_P_FIN_TABLE.to_le_bytes());
        g.push(1);
        g.extend_from_slice(&SPRM_P_FTTP.to_le_bytes());
        g.push(1);
        // A two-cell row: the first cell starts a merge down, the second
        // continues one.
        let mut op = vec![2u8];
        for edge in [0i16, 1200, 4800] {
            op.extend_from_slice(&edge.to_le_bytes());
        }
        let mut tc = [0u8; TC80_SIZE];
        tc[0] = (TC_VERT_MERGE | TC_VERT_RESTART) as u8;
        op.extend_from_slice(&tc);
        tc[0] = TC_VERT_MERGE as u8;
        op.extend_from_slice(&tc);
        g.extend_from_slice(&SPRM_T_DEF_TABLE.to_le_bytes());
        g.extend_from_slice(&(op.len() as u16 + 1).to_le_bytes());
        g.extend_from_slice(&op);
        g.extend_from_slice(&SPRM_P_ILFO.to_le_bytes());
        g.extend_from_slice(&3i16.to_le_bytes());
        // Cut short: ignored, what came before stands.
        g.extend_from_slice(&SPRM_P_JC.to_le_bytes());
        let p = read_sprms(&g);
        assert!(p.in_table && p.row_end && p.list && !p.centered);
        assert_eq!(p.merges, vec![VMerge::Restart, VMerge::Continue]);
        assert_eq!(p.edges, vec![0, 1200, 4800]);
    }

    #[test]
    fn a_page_claiming_too_many_runs_is_malformed() {
        let mut page = vec![0u8; FKP_SIZE];
        page[FKP_SIZE - 1] = 200;
        let mut runs = Vec::new();
        let e = read_page(&page, 7, &mut runs).unwrap_err();
        assert!(matches!(e, OfficeError::Malformed { .. }), "{e}");
    }
}
