package main

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"
	"weak"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
)

// These tests guard the patched ultraviolet in third_party/ultraviolet (see
// its README): upstream stores each cell's text as a substring of the frame
// it was drawn from, so every cell the renderer leaves unchanged keeps that
// whole frame alive, and on a large terminal the heap grows with the number
// of frames ever shown. Both fail against the unpatched module.

// TestStyledStringCellsOwnTheirContent draws a frame the way Bubble Tea's
// renderer does (uv.NewStyledString(view.Content).Draw into its screen
// buffer) and checks that no cell's content points into the frame string.
func TestStyledStringCellsOwnTheirContent(t *testing.T) {
	// ASCII, box drawing, a styled wide glyph and a combining mark: every
	// kind of cell the decoder hands back.
	frame := strings.Repeat("ab │ \x1b[31m██\x1b[0m 漢 é cd\n", 8) + "last line"
	buf := uv.NewScreenBuffer(40, 10)
	buf.Clear()
	uv.NewStyledString(frame).Draw(buf, buf.Bounds())

	lo := uintptr(unsafe.Pointer(unsafe.StringData(frame)))
	hi := lo + uintptr(len(frame))
	var cells, inFrame int
	for y := range buf.Height() {
		for x := range buf.Width() {
			c := buf.CellAt(x, y)
			if c == nil || c.Content == "" {
				continue
			}
			cells++
			if p := uintptr(unsafe.Pointer(unsafe.StringData(c.Content))); p >= lo && p < hi {
				inFrame++
			}
		}
	}
	if cells == 0 {
		t.Fatal("nothing was drawn")
	}
	if inFrame > 0 {
		t.Fatalf("%d of %d cells point into the frame string, pinning it for as long as the cell is on screen", inFrame, cells)
	}
}

// TestRendererReleasesOldFrames runs a headless Bubble Tea program at
// 250×200 and shows it frames in which only one row changes each time, as
// a dashboard's frames mostly do. Once a frame has been replaced nothing
// may keep it alive: the renderer's model of the screen must not reference
// it. Weak pointers to each frame's bytes tell which frames survive a GC.
func TestRendererReleasesOldFrames(t *testing.T) {
	const width, height, frames = 250, 200, 40
	m := &growingFrames{width: width, height: height}
	out := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(nil), tea.WithOutput(out),
		tea.WithWindowSize(width, height), tea.WithoutSignals(), tea.WithFPS(120))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	defer func() {
		p.Quit()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("the program did not exit")
		}
	}()

	var shown []weak.Pointer[byte]
	for i := 1; i <= frames; i++ {
		before := out.writeCount()
		frame := m.frame(i) // built before Send so the test can watch it
		shown = append(shown, weak.Make(unsafe.StringData(frame)))
		p.Send(frameMsg(frame))
		eventually(t, fmt.Sprintf("frame %d to be written", i), func() bool { return out.writeCount() > before })
	}
	// The program still runs, so whatever its renderer holds is live.
	runtime.GC()
	runtime.GC()
	alive := 0
	for _, w := range shown[:frames-1] { // the newest frame is legitimately held
		if w.Value() != nil {
			alive++
		}
	}
	// The model and the renderer hold the current view and the one before
	// it; a frame older than that is pinned by the renderer's cells.
	if alive > 2 {
		t.Fatalf("%d of %d replaced frames are still reachable (≈ %d KB each): the renderer pins old frames", alive, frames-1, len(m.frame(1))/1024)
	}
}

// frameMsg carries the next frame to show.
type frameMsg string

// growingFrames shows the frames it is sent. Frame i marks rows 0..i-1, so
// each new frame changes exactly one row and leaves the others as they were.
type growingFrames struct {
	width, height int
	content       string
}

func (g *growingFrames) frame(i int) string {
	var b strings.Builder
	for y := range g.height {
		mark := "."
		if y < i {
			mark = "#"
		}
		// Styled, like a real dashboard row, so a frame is ~100 KB.
		fmt.Fprintf(&b, "\x1b[32m%s\x1b[0m \x1b[33m%-*s\x1b[0m", mark, g.width-3, strings.Repeat("row │ ", (g.width-3)/6))
		if y < g.height-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (g *growingFrames) Init() tea.Cmd { return nil }

func (g *growingFrames) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if f, ok := msg.(frameMsg); ok {
		g.content = string(f)
	}
	return g, nil
}

func (g *growingFrames) View() tea.View {
	v := tea.NewView(g.content)
	v.AltScreen = true
	return v
}

// BenchmarkStyledStringDraw250x200 is the renderer's per-frame decode of a
// 250×200 frame (one in six cells a box-drawing glyph, every row styled):
// the patch must not add allocations to it.
func BenchmarkStyledStringDraw250x200(b *testing.B) {
	g := &growingFrames{width: 250, height: 200}
	frame := g.frame(100)
	buf := uv.NewScreenBuffer(250, 200)
	b.ReportAllocs()
	for b.Loop() {
		buf.Clear()
		uv.NewStyledString(frame).Draw(buf, buf.Bounds())
	}
}
