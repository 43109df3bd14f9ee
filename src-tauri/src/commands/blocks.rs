//! Emulation blocks per year.

use super::{with_store, Reply};
use crate::AppState;
use tauri::State;
use thidua_core::blocks::{Block, BlockCopyReport, BlockInput};

#[tauri::command]
pub fn list_blocks(state: State<AppState>, year: i32) -> Reply<Vec<Block>> {
    with_store(&state, |s| s.blocks(year))
}

#[tauri::command]
pub fn block_years(state: State<AppState>) -> Reply<Vec<i32>> {
    with_store(&state, |s| s.block_years())
}

#[tauri::command]
pub fn create_block(state: State<AppState>, input: BlockInput) -> Reply<Block> {
    with_store(&state, |s| s.create_block(&input))
}

#[tauri::command]
pub fn update_block(state: State<AppState>, id: String, input: BlockInput) -> Reply<Block> {
    with_store(&state, |s| s.update_block(&id, &input))
}

#[tauri::command]
pub fn delete_block(state: State<AppState>, id: String) -> Reply<()> {
    with_store(&state, |s| s.delete_block(&id))
}

#[tauri::command]
pub fn copy_blocks(state: State<AppState>, from: i32, to: i32) -> Reply<BlockCopyReport> {
    with_store(&state, |s| s.copy_blocks(from, to))
}
