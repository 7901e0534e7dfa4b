//! Import and export of the offices' Excel/CSV ledgers (台账). Reading and checking never touch
//! the store; the app layer writes a confirmed import as one undo step.

pub mod export;
pub mod header;
pub mod import;
pub mod sheet;

pub use export::{ExportError, Names, export};
pub use header::{Field, Layout};
pub use import::{
    DuplicatePolicy, Existing, ImportPreview, ImportRow, Issue, PreviewError, Progress,
};
pub use sheet::{ReadError, Workbook, read_file};
