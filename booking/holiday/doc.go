// Package holiday computes the Korean public holidays (공휴일) of any year, including substitute holidays (대체공휴일), under the 관공서의 공휴일에 관한 규정.
package holiday
