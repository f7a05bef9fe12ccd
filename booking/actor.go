package booking

import "github.com/yeongdeungpo/kiosk/internal/store"

// Actor is who did something, as the audit log records it.
type Actor = store.Actor

// The actors without a staff session: a visitor at the kiosk, and the
// kiosk itself (the sweep).
const (
	ActorVisitor = store.ActorVisitor
	ActorSystem  = store.ActorSystem
)
