//! The translation table's rows for a large import's commit: its progress and its 取消.

texts! {
    topic 12;
    ImpCommitRows => "正在写入第 {done} / {total} 项（一次完成，可整体撤销）…", "Writing {done} of {total} changes (all at once, undoable as one step)…";
    ImpCommitFinishing => "正在建立索引、搜索和变更记录…", "Building the indexes, the search and the change log…";
    ImpCommitCancelling => "正在取消，已写入的内容将全部撤回…", "Cancelling; everything written so far is rolled back…";
    ImpCommitCancelled => "已取消导入：台账未作任何改动。", "Import cancelled: the ledger is unchanged.";
    StoreCancelled => "写入已取消，未写入任何内容。", "The write was cancelled; nothing was written.";
}
