//! The monthly chart: each month's signings against last year's, then both years' running
//! totals with the annual target; and the legend its panels carry.

use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    ChartError, INK, LAST_YEAR, MUTED, TARGET, THIS_YEAR, axis_number, draw_error, font, yi_axis,
};
use crate::i18n::{Lang, T};
use crate::report::chart_labels::{annual_target_label, month_label, plot_top, year_names, yi};
use crate::report::charts::Monthly;

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
            SegmentValue::CenterOf(i) => month_label(*i as u32 + 1, lang),
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
pub(super) fn monthly<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    m: &Monthly,
    lang: Lang,
    s: f64,
) -> Result<(), ChartError> {
    let (_, ah) = area.dim_in_pixel();
    let (upper, lower) = area.split_vertically((ah as f64 * 0.5) as u32);
    let names = year_names(m.year, lang);
    per_month(&upper, m, &names, lang, s)?;
    running_totals(&lower, m, &names, lang, s)
}

/// The upper panel: each month's signings, last year's bar beside this year's.
fn per_month<DB: DrawingBackend>(
    upper: &DrawingArea<DB, Shift>,
    m: &Monthly,
    (this_name, last_name): &(String, String),
    lang: Lang,
    s: f64,
) -> Result<(), ChartError> {
    let months = m.months as usize;
    let top = plot_top(m.monthly_peak(), 1.2);
    let panel_title = lang.t(T::ChartMonthlyPanel);
    let mut chart = month_panel(upper, panel_title, top, lang, s)?;
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

    Ok(())
}

/// The lower panel: both years' running totals, and the annual target as a dashed line.
fn running_totals<DB: DrawingBackend>(
    lower: &DrawingArea<DB, Shift>,
    m: &Monthly,
    (this_name, last_name): &(String, String),
    lang: Lang,
    s: f64,
) -> Result<(), ChartError> {
    let this_cum = m.cumulative(true);
    let last_cum = m.cumulative(false);
    let target = m.annual_target.map(yi);
    let top = plot_top(m.cumulative_peak(), 1.15);
    let panel_title = lang.t(T::ChartCumulativePanel);
    let mut chart = month_panel(lower, panel_title, top, lang, s)?;
    let line_width = (3.0 * s).max(1.0) as u32;
    let points = |values: &[i64]| -> Vec<(SegmentValue<usize>, f64)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (SegmentValue::CenterOf(i), yi(*v)))
            .collect()
    };
    let running_total = |year_name: &str| {
        lang.t(T::ChartSeriesRunningTotal)
            .replace("{year}", year_name)
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
        (running_total(last_name), Mark::Line(LAST_YEAR)),
        (running_total(this_name), Mark::Line(THIS_YEAR)),
    ];
    if let (Some(value), Some(units)) = (target, m.annual_target) {
        let target_name = annual_target_label(units, lang);
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
