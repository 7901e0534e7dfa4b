//! Charts drawn to files with plotters: PNG (for people and the monthly pack) and SVG (for
//! documents), each with a Chinese title, the period and the data's as-of date. The numbers
//! come from [`crate::report::charts`]; amounts are drawn in 亿元.

use std::path::{Path, PathBuf};
use std::sync::Once;

use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::domain::money::yi_rounded;
use crate::domain::target::tenths_text;
use crate::i18n::Lang;
use crate::report::charts::{ChartKind, Charts, FunnelStep, MAX_BARS, Monthly};

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

/// The chart as PNG bytes.
pub fn render_png(
    charts: &Charts,
    kind: ChartKind,
    size: (u32, u32),
) -> Result<Vec<u8>, ChartError> {
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
        draw(&root, charts, kind)?;
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

/// The chart as an SVG document (text stays text).
pub fn render_svg(
    charts: &Charts,
    kind: ChartKind,
    size: (u32, u32),
) -> Result<String, ChartError> {
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
        draw(&root, charts, kind)?;
        root.present().map_err(draw_error)?;
    }
    Ok(svg)
}

/// Writes the chart to `path`, as PNG or SVG by its extension.
pub fn export(
    charts: &Charts,
    kind: ChartKind,
    path: &Path,
    size: (u32, u32),
) -> Result<(), ChartError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let bytes = match extension.as_deref() {
        Some("png") => render_png(charts, kind, size)?,
        Some("svg") => render_svg(charts, kind, size)?.into_bytes(),
        _ => return Err(ChartError::Format(path.to_path_buf())),
    };
    std::fs::write(path, bytes).map_err(|source| ChartError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Category labels longer than this are cut with "…", so a long name typed into the ledger
/// cannot squeeze the bars off the picture.
const MAX_LABEL_CHARS: usize = 14;

pub fn short_label(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        label.to_string()
    } else {
        let mut cut: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// An amount in 亿元 as a drawing coordinate (display only; sums stay exact integers).
fn yi(units: i64) -> f64 {
    units as f64 / 1e8
}

fn font(size: f64) -> FontDesc<'static> {
    (FAMILY, size).into_font()
}

fn yi_axis(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "亿元",
        Lang::En => "100 million CNY (yi)",
    }
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
        let text = match charts.lang {
            Lang::Zh => "本期暂无数据",
            Lang::En => "No data in this period",
        };
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

/// One horizontal bar: its category label, length, and the text written after it.
struct Row {
    label: String,
    value: f64,
    text: String,
}

/// Horizontal bars, first row at the top, with the category labels on the left and the exact
/// figures after each bar.
fn horizontal_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[Row],
    axis: &str,
    s: f64,
    money_axis: bool,
) -> Result<(), ChartError> {
    let n = rows.len();
    let label_style = font(16.0 * s).color(&INK);
    let value_style = font(15.0 * s)
        .color(&INK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let label_width = rows
        .iter()
        .map(|r| {
            area.estimate_text_size(&r.label, &label_style)
                .map(|(w, _)| w)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(draw_error)?
        .into_iter()
        .max()
        .unwrap_or(0);
    let text_width = rows
        .iter()
        .map(|r| {
            area.estimate_text_size(&r.text, &value_style)
                .map(|(w, _)| w)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(draw_error)?
        .into_iter()
        .max()
        .unwrap_or(0);
    let (aw, _) = area.dim_in_pixel();
    let left = label_width + (20.0 * s) as u32;
    let margin = (24.0 * s) as u32;
    // The longest bar ends where the widest figure still fits before the right edge.
    let plot_width = aw.saturating_sub(left + 2 * margin).max(1) as f64;
    let room = ((plot_width - text_width as f64 - 12.0 * s) / plot_width).clamp(0.3, 0.9);
    let max = rows.iter().map(|r| r.value).fold(0.0, f64::max);
    let top = if max > 0.0 { max / room } else { 1.0 };
    // Row j (0 at the bottom) is centred on y = j; the category labels are drawn beside the
    // plot by hand, which works for any number of rows, one included.
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .x_label_area_size((44.0 * s) as u32)
        .y_label_area_size(left)
        // At least six rows' room, so one or two bars are not drawn as slabs; rows stay on top.
        .build_cartesian_2d(
            0.0..top,
            (n as f64 - 0.5 - n.max(6) as f64)..(n as f64 - 0.5),
        )
        .map_err(draw_error)?;
    let number = |v: &f64| {
        if money_axis {
            axis_number(*v, top)
        } else {
            format!("{v:.0}")
        }
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(8)
        .x_label_formatter(&number)
        .x_desc(axis)
        .label_style(font(15.0 * s).color(&INK))
        .axis_desc_style(font(15.0 * s).color(&MUTED))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .draw()
        .map_err(draw_error)?;
    let row_y = |i: usize| (n - 1 - i) as f64;
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| {
            Rectangle::new(
                [(0.0, row_y(i) - 0.32), (r.value, row_y(i) + 0.32)],
                THIS_YEAR.filled(),
            )
        }))
        .map_err(draw_error)?;
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| {
            EmptyElement::at((r.value, row_y(i)))
                + Text::new(r.text.clone(), ((8.0 * s) as i32, 0), value_style.clone())
        }))
        .map_err(draw_error)?;
    let (x0, y0) = area.get_base_pixel();
    let label_anchor = label_style.pos(Pos::new(HPos::Right, VPos::Center));
    for (i, r) in rows.iter().enumerate() {
        let (bx, by) = chart.backend_coord(&(0.0, row_y(i)));
        area.draw_text(
            &r.label,
            &label_anchor,
            (bx - x0 - (10.0 * s) as i32, by - y0),
        )
        .map_err(draw_error)?;
    }
    Ok(())
}

fn funnel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    steps: &[FunnelStep],
    lang: Lang,
    s: f64,
) -> Result<(), ChartError> {
    let rows: Vec<Row> = steps
        .iter()
        .map(|step| {
            let conversion = step
                .conversion_tenths
                .map(|t| match lang {
                    Lang::Zh => format!("，转入后续阶段 {}%", tenths_text(t)),
                    Lang::En => format!(", went further {}%", tenths_text(t)),
                })
                .unwrap_or_default();
            let text = match lang {
                Lang::Zh => format!(
                    "{}个，{}亿元{conversion}",
                    step.reached.count,
                    yi_rounded(step.reached.amount_cny, 2)
                ),
                Lang::En => format!(
                    "{}, {} yi{conversion}",
                    step.reached.count,
                    yi_rounded(step.reached.amount_cny, 2)
                ),
            };
            Row {
                label: step.label.clone(),
                value: step.reached.count as f64,
                text,
            }
        })
        .collect();
    let axis = match lang {
        Lang::Zh => "本期进入该阶段的项目数 (个)",
        Lang::En => "Projects reaching the stage in the period",
    };
    horizontal_bars(area, &rows, axis, s, false)
}

fn month_label(m: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}月", m + 1),
        Lang::En => format!("{}", m + 1),
    }
}

/// One panel of the monthly chart: twelve month slots, a 亿元 axis up to `top`, its title and
/// mesh drawn.
fn month_panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    panel_title: &str,
    top: f64,
    lang: Lang,
    s: f64,
) -> Result<
    ChartContext<'a, DB, Cartesian2d<SegmentedCoord<RangedCoordusize>, RangedCoordf64>>,
    ChartError,
> {
    let mut chart = ChartBuilder::on(area)
        .margin((20.0 * s) as u32)
        .caption(panel_title, font(17.0 * s).color(&MUTED))
        .x_label_area_size((32.0 * s) as u32)
        .y_label_area_size((70.0 * s) as u32)
        .build_cartesian_2d((0..11usize).into_segmented(), 0.0..top)
        .map_err(draw_error)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(12)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => month_label(*i, lang),
            _ => String::new(),
        })
        .y_labels(5)
        .y_label_formatter(&|v| axis_number(*v, top))
        .y_desc(yi_axis(lang))
        .label_style(font(14.0 * s).color(&INK))
        .axis_desc_style(font(14.0 * s).color(&MUTED))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .draw()
        .map_err(draw_error)?;
    Ok(chart)
}

/// Two panels: each month's signings (last year's bar beside this year's), then the running
/// totals of both years with the annual target as a line.
fn monthly<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    m: &Monthly,
    lang: Lang,
    s: f64,
) -> Result<(), ChartError> {
    let (_, ah) = area.dim_in_pixel();
    let (upper, lower) = area.split_vertically((ah as f64 * 0.5) as u32);
    let (this_name, last_name) = match lang {
        Lang::Zh => (format!("{}年", m.year), format!("{}年", m.year - 1)),
        Lang::En => (m.year.to_string(), (m.year - 1).to_string()),
    };
    let months = m.months as usize;

    // Per month.
    let max = m
        .this_year
        .iter()
        .chain(m.last_year.iter())
        .map(|t| yi(t.amount_cny.max(0)))
        .fold(0.0, f64::max);
    let top = if max > 0.0 { max * 1.2 } else { 1.0 };
    let panel_title = match lang {
        Lang::Zh => "每月签约投资",
        Lang::En => "Signed each month",
    };
    let mut chart = month_panel(&upper, panel_title, top, lang, s)?;
    let (pw, _) = chart.plotting_area().dim_in_pixel();
    let slot = pw as f64 / 12.0;
    let half = (slot * 0.5) as u32;
    let pad = (slot * 0.12) as u32;
    let bar = |month: usize, value: f64, color: RGBColor, right: bool| {
        let mut rect = Rectangle::new(
            [
                (SegmentValue::Exact(month), 0.0),
                (SegmentValue::Exact(month + 1), value),
            ],
            color.filled(),
        );
        if right {
            rect.set_margin(0, 0, half, pad);
        } else {
            rect.set_margin(0, 0, pad, half);
        }
        rect
    };
    chart
        .draw_series(
            m.last_year
                .iter()
                .enumerate()
                .map(|(i, t)| bar(i, yi(t.amount_cny.max(0)), LAST_YEAR, false)),
        )
        .map_err(draw_error)?;
    chart
        .draw_series(
            m.this_year[..months]
                .iter()
                .enumerate()
                .map(|(i, t)| bar(i, yi(t.amount_cny.max(0)), THIS_YEAR, true)),
        )
        .map_err(draw_error)?;
    legend(
        &chart.plotting_area().strip_coord_spec(),
        &[
            (last_name.clone(), Mark::Square(LAST_YEAR)),
            (this_name.clone(), Mark::Square(THIS_YEAR)),
        ],
        true,
        s,
    )?;

    // Running totals and the target.
    let this_cum = m.cumulative(true);
    let last_cum = m.cumulative(false);
    let target = m.annual_target.map(yi);
    let max = this_cum
        .iter()
        .chain(last_cum.iter())
        .map(|v| yi(*v))
        .chain(target)
        .fold(0.0, f64::max);
    let top = if max > 0.0 { max * 1.15 } else { 1.0 };
    let panel_title = match lang {
        Lang::Zh => "累计签约投资与全年目标",
        Lang::En => "Running total and the annual target",
    };
    let mut chart = month_panel(&lower, panel_title, top, lang, s)?;
    let line_width = (3.0 * s).max(1.0) as u32;
    let points = |values: &[i64]| -> Vec<(SegmentValue<usize>, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (SegmentValue::CenterOf(i), yi(*v)))
            .collect()
    };
    let cumulative_word = match lang {
        Lang::Zh => "累计",
        Lang::En => " running total",
    };
    chart
        .draw_series(LineSeries::new(
            points(&last_cum),
            LAST_YEAR.stroke_width(line_width),
        ))
        .map_err(draw_error)?;
    chart
        .draw_series(LineSeries::new(
            points(&this_cum),
            THIS_YEAR.stroke_width(line_width),
        ))
        .map_err(draw_error)?;
    let mut entries = vec![
        (
            format!("{last_name}{cumulative_word}"),
            Mark::Line(LAST_YEAR),
        ),
        (
            format!("{this_name}{cumulative_word}"),
            Mark::Line(THIS_YEAR),
        ),
    ];
    if let (Some(value), Some(units)) = (target, m.annual_target) {
        let target_name = match lang {
            Lang::Zh => format!("全年目标 {}亿元", yi_rounded(units, 2)),
            Lang::En => format!("Annual target {} yi", yi_rounded(units, 2)),
        };
        chart
            .draw_series(DashedLineSeries::new(
                vec![(SegmentValue::Exact(0), value), (SegmentValue::Last, value)],
                (10.0 * s) as u32,
                (6.0 * s) as u32,
                TARGET.stroke_width(line_width.max(2) - 1),
            ))
            .map_err(draw_error)?;
        entries.push((target_name, Mark::Dashed(TARGET)));
    }
    legend(
        &chart.plotting_area().strip_coord_spec(),
        &entries,
        false,
        s,
    )?;
    Ok(())
}

/// What a legend entry shows before its name.
enum Mark {
    Square(RGBColor),
    Line(RGBColor),
    Dashed(RGBColor),
}

/// A legend in the plot's top or bottom right corner, sized by the text as it is drawn
/// (plotters' own legend measures with a smaller em than an SVG viewer uses).
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, Mark)],
    top: bool,
    s: f64,
) -> Result<(), ChartError> {
    let style = font(15.0 * s).color(&INK);
    let anchor = style.pos(Pos::new(HPos::Left, VPos::Center));
    let widest = entries
        .iter()
        .map(|(name, _)| area.estimate_text_size(name, &style).map(|(w, _)| w))
        .collect::<Result<Vec<_>, _>>()
        .map_err(draw_error)?
        .into_iter()
        .max()
        .unwrap_or(0) as i32;
    let pad = (8.0 * s) as i32;
    let mark = (20.0 * s) as i32;
    let row = (24.0 * s) as i32;
    let (aw, ah) = area.dim_in_pixel();
    let (w, h) = (
        pad * 3 + mark + widest,
        pad * 2 + row * entries.len() as i32,
    );
    let x0 = aw as i32 - w - pad;
    let y0 = if top { pad } else { ah as i32 - h - pad };
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + w, y0 + h)],
        WHITE.mix(0.9).filled(),
    ))
    .map_err(draw_error)?;
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + w, y0 + h)],
        RGBColor(0xcc, 0xcc, 0xcc),
    ))
    .map_err(draw_error)?;
    let stroke = (3.0 * s).max(1.0) as u32;
    for (i, (name, kind)) in entries.iter().enumerate() {
        let y = y0 + pad + row * i as i32 + row / 2;
        let x = x0 + pad;
        match kind {
            Mark::Square(color) => area.draw(&Rectangle::new(
                [
                    (x + mark / 4, y - mark / 3),
                    (x + mark / 4 + 2 * mark / 3, y + mark / 3),
                ],
                color.filled(),
            )),
            Mark::Line(color) => area.draw(&PathElement::new(
                vec![(x, y), (x + mark, y)],
                color.stroke_width(stroke),
            )),
            Mark::Dashed(color) => {
                let dash = mark * 2 / 5;
                area.draw(&PathElement::new(
                    vec![(x, y), (x + dash, y)],
                    color.stroke_width(stroke.max(2) - 1),
                ))
                .and_then(|_| {
                    area.draw(&PathElement::new(
                        vec![(x + mark - dash, y), (x + mark, y)],
                        color.stroke_width(stroke.max(2) - 1),
                    ))
                })
            }
        }
        .map_err(draw_error)?;
        area.draw_text(name, &anchor, (x + mark + pad, y))
            .map_err(draw_error)?;
    }
    Ok(())
}

mod measured {
    //! One measure of text for both file formats: what an SVG viewer draws.
    //!
    //! plotters lays text out with its ab_glyph font at a glyph scale of the whole size, but
    //! its SVG backend writes `font-size` = size / 1.24 — in a Chinese font some 17% larger —
    //! so an SVG's labels ran past the edge of the picture while the PNG's were small. This
    //! wrapper measures text at the SVG's em (size / 1.24), so labels and figures get the room
    //! they take in a viewer; for PNG it also draws the text itself, glyph by glyph at their
    //! true bounds on that em (plotters' own bitmap text drops each glyph's left side bearing,
    //! which leaves gaps after full-width punctuation), bold as a double stroke. Everything
    //! else goes to the wrapped backend unchanged, so SVG shapes stay vectors.

    use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, VPos};
    use plotters_backend::{
        BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    };

    pub(super) struct Measured<B> {
        pub(super) inner: B,
        pub(super) font: FontRef<'static>,
        /// Draw text as pixels here (bitmaps); else the inner backend writes it (SVG text).
        pub(super) raster_text: bool,
    }

    /// A text size's em in pixels, as plotters' SVG backend writes it.
    fn em(size: f64) -> f32 {
        (size / 1.24) as f32
    }

    impl<B> Measured<B> {
        /// ab_glyph scales by the font's height (ascent − descent), not its em.
        fn scale(&self, size: f64) -> PxScale {
            let units = self.font.units_per_em().unwrap_or(1000.0);
            PxScale::from(em(size) * self.font.height_unscaled() / units)
        }

        /// The advance width of `text` at `size`, in pixels.
        fn width(&self, text: &str, size: f64) -> f32 {
            let font = self.font.as_scaled(self.scale(size));
            let mut width = 0f32;
            let mut prev: Option<ab_glyph::GlyphId> = None;
            for c in text.chars() {
                let id = font.glyph_id(c);
                if let Some(p) = prev {
                    width += font.kern(p, id);
                }
                width += font.h_advance(id);
                prev = Some(id);
            }
            width
        }
    }

    impl<B: DrawingBackend> DrawingBackend for Measured<B> {
        type ErrorType = B::ErrorType;

        fn get_size(&self) -> (u32, u32) {
            self.inner.get_size()
        }

        fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.inner.ensure_prepared()
        }

        fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.inner.present()
        }

        fn draw_pixel(
            &mut self,
            point: BackendCoord,
            color: BackendColor,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.inner.draw_pixel(point, color)
        }

        fn draw_line<S: BackendStyle>(
            &mut self,
            from: BackendCoord,
            to: BackendCoord,
            style: &S,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.inner.draw_line(from, to, style)
        }

        fn draw_rect<S: BackendStyle>(
            &mut self,
            upper_left: BackendCoord,
            bottom_right: BackendCoord,
            style: &S,
            fill: bool,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.inner.draw_rect(upper_left, bottom_right, style, fill)
        }

        fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
            &mut self,
            path: I,
            style: &S,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.inner.draw_path(path, style)
        }

        fn draw_circle<S: BackendStyle>(
            &mut self,
            center: BackendCoord,
            radius: u32,
            style: &S,
            fill: bool,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.inner.draw_circle(center, radius, style, fill)
        }

        fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
            &mut self,
            vert: I,
            style: &S,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.inner.fill_polygon(vert, style)
        }

        fn blit_bitmap(
            &mut self,
            pos: BackendCoord,
            size: (u32, u32),
            src: &[u8],
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.inner.blit_bitmap(pos, size, src)
        }

        /// Width at the em a viewer uses; height one em, as plotters counts it.
        fn estimate_text_size<TStyle: BackendTextStyle>(
            &self,
            text: &str,
            style: &TStyle,
        ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
            let size = style.size();
            Ok((self.width(text, size).ceil() as u32, em(size).ceil() as u32))
        }

        fn draw_text<TStyle: BackendTextStyle>(
            &mut self,
            text: &str,
            style: &TStyle,
            pos: BackendCoord,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            if !self.raster_text {
                return self.inner.draw_text(text, style, pos);
            }
            let color = style.color();
            if color.alpha == 0.0 {
                return Ok(());
            }
            let size = style.size();
            let em = em(size);
            let scale = self.scale(size);
            let font = self.font.as_scaled(scale);
            let mut pen = 0f32;
            let mut prev: Option<ab_glyph::GlyphId> = None;
            let mut glyphs = Vec::new();
            for c in text.chars() {
                let id = font.glyph_id(c);
                if let Some(p) = prev {
                    pen += font.kern(p, id);
                }
                glyphs.push(id.with_scale_and_position(scale, ab_glyph::point(pen, 0.0)));
                pen += font.h_advance(id);
                prev = Some(id);
            }
            let dx = match style.anchor().h_pos {
                HPos::Left => 0.0,
                HPos::Right => -pen,
                HPos::Center => -pen / 2.0,
            };
            // The baseline, from the anchor: Chinese glyphs fill the em from 0.88 above the
            // baseline to 0.12 below it, so these put that box's top, middle or bottom there.
            let baseline = match style.anchor().v_pos {
                VPos::Top => 0.88 * em,
                VPos::Center => 0.38 * em,
                VPos::Bottom => -0.12 * em,
            };
            // Bold: the same glyphs struck again a little to the right.
            let strikes: &[i32] = if matches!(style.style(), FontStyle::Bold) {
                &[0, 1]
            } else {
                &[0]
            };
            let transform = style.transform();
            let (w, h) = self.get_size();
            let mut pixels = Vec::new();
            for glyph in glyphs {
                if let Some(outline) = self.font.outline_glyph(glyph) {
                    let bounds = outline.px_bounds();
                    outline.draw(|x, y, coverage| {
                        pixels.push((
                            (bounds.min.x + dx) as i32 + x as i32,
                            (bounds.min.y + baseline) as i32 + y as i32,
                            coverage,
                        ))
                    });
                }
            }
            for (x, y, coverage) in pixels {
                for strike in strikes {
                    let (x, y) = transform.transform(x + strike, y);
                    let (x, y) = (pos.0 + x, pos.1 + y);
                    if x >= 0 && x < w as i32 && y >= 0 && y < h as i32 && coverage > 0.0 {
                        self.inner.draw_pixel(
                            (x, y),
                            BackendColor {
                                alpha: color.alpha * coverage.min(1.0) as f64,
                                rgb: color.rgb,
                            },
                        )?;
                    }
                }
            }
            Ok(())
        }
    }
}
