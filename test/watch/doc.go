// Package watch tests netstat --watch from the outside: the binary runs in
// a network namespace of the test's own (see test/internal/nstest), the
// test opens, changes and closes sockets and sends traffic there, and
// reads what the watch reports, through a pipe (text and JSON Lines) and
// in a real terminal (tmux).
package watch
