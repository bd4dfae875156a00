#!/usr/bin/env python3
"""Solar dates of Tết (1/1 âm lịch) and Giỗ Tổ Hùng Vương (10/3 âm lịch), 2023–2030.

Method: Hồ Ngọc Đức's astronomical algorithm for the Vietnamese lunisolar calendar (new moons and the sun's
longitude after Jean Meeus, "Astronomical Algorithms", evaluated at UTC+7, the time zone the Vietnamese calendar
has used since 1968). Prints the dates that holidays-vn.json carries, so the file can be checked by rerunning this.
"""
import math


def jd_from_date(dd, mm, yy):
    a = (14 - mm) // 12
    y = yy + 4800 - a
    m = mm + 12 * a - 3
    jd = dd + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045
    if jd < 2299161:
        jd = dd + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return jd


def jd_to_date(jd):
    if jd > 2299160:
        a = jd + 32044
        b = (4 * a + 3) // 146097
        c = a - (b * 146097) // 4
    else:
        b = 0
        c = jd + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = b * 100 + d - 4800 + m // 10
    return year, month, day


def new_moon(k):
    T = k / 1236.85
    T2, T3 = T * T, T * T * T
    dr = math.pi / 180
    Jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3
    Jd1 += 0.00033 * math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr)
    M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3
    Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3
    F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3
    C1 = (0.1734 - 0.000393 * T) * math.sin(M * dr) + 0.0021 * math.sin(2 * dr * M)
    C1 = C1 - 0.4068 * math.sin(Mpr * dr) + 0.0161 * math.sin(dr * 2 * Mpr)
    C1 = C1 - 0.0004 * math.sin(dr * 3 * Mpr)
    C1 = C1 + 0.0104 * math.sin(dr * 2 * F) - 0.0051 * math.sin(dr * (M + Mpr))
    C1 = C1 - 0.0074 * math.sin(dr * (M - Mpr)) + 0.0004 * math.sin(dr * (2 * F + M))
    C1 = C1 - 0.0004 * math.sin(dr * (2 * F - M)) - 0.0006 * math.sin(dr * (2 * F + Mpr))
    C1 = C1 + 0.0010 * math.sin(dr * (2 * F - Mpr)) + 0.0005 * math.sin(dr * (2 * Mpr + M))
    if T < -11:
        deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    else:
        deltat = -0.000278 + 0.000265 * T + 0.000262 * T2
    return Jd1 + C1 - deltat


def sun_longitude(jdn):
    T = (jdn - 2451545.0) / 36525
    T2 = T * T
    dr = math.pi / 180
    M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2
    L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2
    DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * math.sin(dr * M)
    DL += (0.019993 - 0.000101 * T) * math.sin(dr * 2 * M) + 0.000290 * math.sin(dr * 3 * M)
    L = (L0 + DL) * dr
    L = L - math.pi * 2 * math.floor(L / (math.pi * 2))
    return L


TZ = 7.0


def new_moon_day(k):
    return int(math.floor(new_moon(k) + 0.5 + TZ / 24))


def sun_longitude_sector(jdn):
    return int(math.floor(sun_longitude(jdn - 0.5 - TZ / 24) / math.pi * 6))


def lunar_month11(yy):
    off = jd_from_date(31, 12, yy) - 2415021
    k = int(math.floor(off / 29.530588853))
    nm = new_moon_day(k)
    if sun_longitude_sector(nm) >= 9:
        nm = new_moon_day(k - 1)
    return nm


def leap_month_offset(a11):
    k = int(math.floor((a11 - 2415021.076998695) / 29.530588853 + 0.5))
    i = 1
    arc = sun_longitude_sector(new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = sun_longitude_sector(new_moon_day(k + i))
        if arc == last or i >= 14:
            break
    return i - 1


def lunar_to_solar(lday, lmonth, lyear, leap=0):
    if lmonth < 11:
        a11 = lunar_month11(lyear - 1)
        b11 = lunar_month11(lyear)
    else:
        a11 = lunar_month11(lyear)
        b11 = lunar_month11(lyear + 1)
    k = int(math.floor(0.5 + (a11 - 2415021.076998695) / 29.530588853))
    off = lmonth - 11
    if off < 0:
        off += 12
    if b11 - a11 > 365:
        leap_off = leap_month_offset(a11)
        leap_month = leap_off - 2
        if leap_month < 0:
            leap_month += 12
        if leap != 0 and lmonth != leap_month:
            raise ValueError("not a leap month")
        if leap != 0 or off >= leap_off:
            off += 1
    month_start = new_moon_day(k + off)
    return jd_to_date(month_start + lday - 1)


if __name__ == "__main__":
    for year in range(2023, 2031):
        tet = lunar_to_solar(1, 1, year)
        gio_to = lunar_to_solar(10, 3, year)
        print(year, "Tết %04d-%02d-%02d" % tet, "Giỗ Tổ %04d-%02d-%02d" % gio_to)
