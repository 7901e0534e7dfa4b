//! Charts drawn to files with plotters: PNG (for people and the monthly pack) and SVG (for
//! documents), each with a Chinese title, the period and the data's as-of date. The numbers
//! come from [`crate::report::charts`]; amounts are drawn in 亿元.

use std::path::{Path, PathBuf};
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::i18n::{Lang, T, io_error_text};
use crate::report::chart_labels::{short_label, yi};
use crate::report::charts::{ChartKind, Charts, MAX_BARS};

mod bars;
mod chain_map;
pub mod map;
mod measured;
mod monthly;

use bars::{Row, funnel, horizontal_bars};
pub use chain_map::{chain_picture_size, export_chain};
use monthly::monthly;

/// The size charts are drawn at unless asked otherwise.
pub const DEFAULT_SIZE: (u32, u32) = (1200, 750);

static CJK: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GBK.otf");
/// The family charts ask for: plotters measures and draws with the embedded font registered
/// under this name, and an SVG names it, so viewers pick a Chinese font they have.
const FAMILY: &str =
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED: RGBColor = RGBColor(0x66, 0x66, 0x66);
const THIS_YEAR: RGBColor = RGBColor(0x2b, 0x6c, 0xb0);
const LAST_YEAR: RGBColor = RGBColor(0xa9, 0xb4, 0xc2);
const TARGET: RGBColor = RGBColor(0xc8, 0x3a, 0x3a);

/// Why a chart could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error(
        "图表绘制失败：{0}。请重试；如仍失败，请缩小图片尺寸。 / Drawing the chart failed: {0}."
    )]
    Draw(String),
    #[error(
        "无法写入 {path}：{source}。请换一个文件夹或文件名。 / Cannot write {path}: {source}. Choose another folder or name."
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "不支持的图片格式：{0}。请用 .png 或 .svg 结尾的文件名。 / Unsupported image format: {0}. Use a name ending in .png or .svg."
    )]
    Format(PathBuf),
    #[error(
        "图片尺寸无效：{0}×{1}。宽和高须在 200 到 8000 之间。 / Invalid size {0}×{1}: use 200–8000."
    )]
    Size(u32, u32),
}

impl ChartError {
    /// Why the chart was not written, and what to do, in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ChartError::Draw(e) => lang.t(T::ChartDrawFailed).replace("{e}", e),
            ChartError::Write { path, source } => lang
                .t(T::ChartWriteFailed)
                .replace("{path}", &path.display().to_string())
                .replace("{e}", &io_error_text(lang, source)),
            ChartError::Format(path) => lang
                .t(T::ChartBadFormat)
                .replace("{path}", &path.display().to_string()),
            ChartError::Size(w, h) => lang
                .t(T::ChartBadSize)
                .replace("{w}", &w.to_string())
                .replace("{h}", &h.to_string()),
        }
    }
}

fn draw_error(e: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Makes the embedded CJK font plotters' "sans-serif", once per process.
fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            // The font is compiled in; if it were unreadable, text would be missing, not a panic.
            let _ = plotters::style::register_font(FAMILY, style, CJK);
        }
    });
}

fn check_size((w, h): (u32, u32)) -> Result<(), ChartError> {
    if (200..=8000).contains(&w) && (200..=8000).contains(&h) {
        Ok(())
    } else {
        Err(ChartError::Size(w, h))
    }
}

/// Something drawn to a chart file: one of the report's charts, 招商地图, the chain map.
pub(crate) trait Figure {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError>;
}

/// One of the report's charts.
struct ReportChart<'a>(&'a Charts, ChartKind);

impl Figure for ReportChart<'_> {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        draw(root, self.0, self.1)
    }
}

/// The chart as PNG bytes.
pub fn render_png(
    charts: &Charts,
    kind: ChartKind,
    size: (u32, u32),
) -> Result<Vec<u8>, ChartError> {
    png_of(&ReportChart(charts, kind), size)
}

/// The chart as an SVG document (text stays text).
pub fn render_svg(
    charts: &Charts,
    kind: ChartKind,
    size: (u32, u32),
) -> Result<String, ChartError> {
    svg_of(&ReportChart(charts, kind), size)
}

/// Writes the chart to `path`, as PNG or SVG by its extension.
pub fn export(
    charts: &Charts,
    kind: ChartKind,
    path: &Path,
    size: (u32, u32),
) -> Result<(), ChartError> {
    export_of(&ReportChart(charts, kind), path, size)
}

/// A figure as PNG bytes, its text drawn with the embedded Chinese font.
fn png_of(figure: &impl Figure, size: (u32, u32)) -> Result<Vec<u8>, ChartError> {
    check_size(size)?;
    register_fonts();
    let (w, h) = size;
    let mut rgb = vec![255u8; w as usize * h as usize * 3];
    {
        let font = ab_glyph::FontRef::try_from_slice(CJK).map_err(draw_error)?;
        let backend = measured::Measured {
            inner: BitMapBackend::with_buffer(&mut rgb, size),
            font,
            raster_text: true,
        };
        let root = backend.into_drawing_area();
        figure.draw_on(&root)?;
        root.present().map_err(draw_error)?;
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(draw_error)?;
    writer.write_image_data(&rgb).map_err(draw_error)?;
    writer.finish().map_err(draw_error)?;
    Ok(out)
}

/// A figure as an SVG document (text stays text).
fn svg_of(figure: &impl Figure, size: (u32, u32)) -> Result<String, ChartError> {
    check_size(size)?;
    register_fonts();
    let mut svg = String::new();
    {
        let font = ab_glyph::FontRef::try_from_slice(CJK).map_err(draw_error)?;
        let backend = measured::Measured {
            inner: SVGBackend::with_string(&mut svg, size),
            font,
            raster_text: false,
        };
        let root = backend.into_drawing_area();
        figure.draw_on(&root)?;
        root.present().map_err(draw_error)?;
    }
    Ok(svg)
}

/// Writes a figure to `path`, as PNG or SVG by its extension.
pub(crate) fn export_of(
    figure: &impl Figure,
    path: &Path,
    size: (u32, u32),
) -> Result<(), ChartError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let bytes = match extension.as_deref() {
        Some("png") => png_of(figure, size)?,
        Some("svg") => svg_of(figure, size)?.into_bytes(),
        _ => return Err(ChartError::Format(path.to_path_buf())),
    };
    std::fs::write(path, bytes).map_err(|source| ChartError::Write {
        path: path.to_path_buf(),
        source,
    })
}

fn font(size: f64) -> FontDesc<'static> {
    (FAMILY, size).into_font()
}

fn yi_axis(lang: Lang) -> &'static str {
    lang.t(T::ChartYiAxis)
}

/// Axis numbers: whole 亿 on wide axes, one decimal on narrow ones.
fn axis_number(v: f64, top: f64) -> String {
    if top >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    charts: &Charts,
    kind: ChartKind,
) -> Result<(), ChartError> {
    let (_, h) = root.dim_in_pixel();
    let s = (h as f64 / 750.0).clamp(0.5, 4.0);
    root.fill(&WHITE).map_err(draw_error)?;
    let title = font(30.0 * s).style(FontStyle::Bold).color(&INK);
    let sub = font(17.0 * s).color(&MUTED);
    root.draw_text(
        kind.title(charts.lang),
        &title,
        ((24.0 * s) as i32, (16.0 * s) as i32),
    )
    .map_err(draw_error)?;
    root.draw_text(
        &charts.period_line(),
        &sub,
        ((24.0 * s) as i32, (58.0 * s) as i32),
    )
    .map_err(draw_error)?;
    let (_, body) = root.split_vertically((92.0 * s) as u32);
    if charts.is_empty(kind) {
        let (bw, bh) = body.dim_in_pixel();
        let text = charts.lang.t(T::ChartNoData);
        let style = font(24.0 * s)
            .color(&MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center));
        body.draw_text(text, &style, (bw as i32 / 2, bh as i32 / 2))
            .map_err(draw_error)?;
        return Ok(());
    }
    match kind {
        ChartKind::Funnel => funnel(&body, &charts.funnel, charts.lang, s),
        ChartKind::Monthly => monthly(&body, &charts.monthly, charts.lang, s),
        _ => {
            let bars = charts.top_bars(kind, MAX_BARS);
            let rows: Vec<Row> = bars
                .iter()
                .map(|b| Row {
                    label: short_label(&b.label),
                    value: yi(b.tally.amount_cny.max(0)),
                    text: b.figures_text(charts.lang),
                })
                .collect();
            horizontal_bars(&body, &rows, yi_axis(charts.lang), s, true)
        }
    }
}
