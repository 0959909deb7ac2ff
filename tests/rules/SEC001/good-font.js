// Synthetic embedded font data: an AKIA-like run inside base64 is not a key id.
window.vfs = {
  "Synthetic-Regular.ttf": "quDZCw5mshjA0blLUnFbAz75G7RTteY+ulAgx+dCAKIAQX7PLM2RT5VW9YZBiiure3YBytWH5p64Y1EWRQ+Y/rPw9TSSy0cSV+mv"
};
