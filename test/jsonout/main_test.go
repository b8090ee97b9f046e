// Package jsonout tests netstat --json on real sockets in a network
// namespace of its own (see test/internal/nstest): the documents hold to
// docs/json.md, and they list the same sockets as the text of the same
// options.
package jsonout

import (
	"testing"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

func TestMain(m *testing.M) { nstest.Main(m) }
