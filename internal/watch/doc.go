// Package watch is the --watch mode: it compares one reading of the
// kernel's tables with the previous one and shows what changed.
//
// For socket listings it finds the sockets that opened, closed or changed
// state (Diff). For interfaces it turns counter totals into per-second
// rates (Rates), and for protocol statistics it keeps only the counters
// that moved, with their delta and rate (Deltas), as nstat does.
//
// Three renderers show the result: Screen, a full-screen terminal view
// redrawn at each refresh; Log, one text line per change for a pipe; and
// JSONLog, one JSON object per change (JSON Lines). The package does not
// read the kernel: callers hand it plain records.
package watch
