//! Any Markdown body → blocks → identity translation → reassembly gives the
//! same bytes, and a translation that changes every block keeps the block
//! structure.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relais::source::segment::{BlockText, post_options, reassemble, segment};

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let seg = segment(body, post_options());
    assert_eq!(reassemble(body, &seg, &seg.identity()), body);
    let upper: Vec<Option<BlockText>> = seg
        .blocks
        .iter()
        .map(|b| Some(BlockText { text: format!("X {}", b.text), images: b.images.clone() }))
        .collect();
    let _ = reassemble(body, &seg, &upper);
});
