//! Files in and out: import and export of the offices' Excel/CSV ledgers (台账), charts rendered
//! to PNG/SVG and the monthly review pack. Reading and checking an import never touch the store;
//! the app layer writes a confirmed import as one undo step.

pub mod activities;
pub mod chain;
pub mod charts;
pub mod companies;
pub mod export;
pub mod header;
pub mod import;
pub mod review;
pub mod sheet;
mod title_unit;
pub mod trip;

pub use export::{ExportError, ExportForm, Names, export, export_as};
pub use header::{Field, Layout};
pub use import::{
    DuplicatePolicy, Existing, ExistingProject, ImportPreview, ImportRow, Issue, PreviewError,
    Progress,
};
pub use sheet::{ReadError, Workbook, read_file};
