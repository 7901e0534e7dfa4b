//! Files in and out: charts rendered to PNG/SVG and the monthly review pack.

pub mod charts;
pub mod review;
