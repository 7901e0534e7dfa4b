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

pub(in crate::io::charts) struct Measured<B> {
    pub(in crate::io::charts) inner: B,
    pub(in crate::io::charts) font: FontRef<'static>,
    /// Draw text as pixels here (bitmaps); else the inner backend writes it (SVG text).
    pub(in crate::io::charts) raster_text: bool,
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
