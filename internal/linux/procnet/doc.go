// Package procnet reads the Linux socket tables under /proc/net the way
// net-tools 2.10 netstat reads them.
//
// Every table is read line by line as the C program does with
// fgets(buffer, 8192): a line longer than 8191 bytes is handed on in
// 8191-byte pieces, each taken as a line of its own, and a NUL byte ends the
// line's text. Line 0, the kernel's column header, is skipped. Each row is
// then taken apart with the same rules as the C program's sscanf or strtok
// call, so that odd input gives the same rows and the same "bogus line"
// warnings. Where the C program would print an undefined value (a field it
// never stored), the reader stores zero or reports the line as bad; the
// parser doc comments say which.
//
// The parsers reuse the record they pass to visit, and its slices: a visitor
// that keeps a record must copy it.
package procnet
