// Package ui is the kiosk's Fyne front end: theme, visitor screens, the staff
// lock and the screens behind it. It talks to the domain packages only.
package ui
