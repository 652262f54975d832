import type { Rule } from "./types";

/**
 * MPN family patterns: prefixes and shapes of well-known manufacturer numbering systems.
 * Patterns run against the uppercased MPN. Order matters: the first matching rule wins, so
 * narrower families come before broader ones that share a prefix.
 *
 * Confidence: ~0.85 for prefixes that name one product type in one maker's catalogue,
 * ~0.75 for shapes shared by a few makers, <= 0.65 for shapes that only hint.
 */

const WURTH = /w(u|ue)rth/;
const MOLEX = /molex/;
const TE = /\b(te connectivity|tyco|amp)\b/;
const PHOENIX = /phoenix contact/;
const WAGO = /\bwago\b/;
const THREE_M = /\b3m\b/;

const CAPACITORS: Rule[] = [
  // Murata chip monolithic ceramic capacitors (GRM general, GCM/GCJ automotive, GJM high-Q, ...)
  {
    label: "Murata GRM/GCM MLCC family",
    pattern: /^(GRM|GCM|GCJ|GCQ|GJM|GQM|GRT|GCG|GMA|KCM|KRM|LLL|LLA)\d{2,3}/,
    cls: "mlcc",
    confidence: 0.85,
  },
  // Samsung Electro-Mechanics: CL + size code + dielectric letter
  {
    label: "Samsung CL MLCC family",
    pattern: /^CL(02|03|05|10|21|31|32|43|55)[A-Z]\d{3}/,
    cls: "mlcc",
    confidence: 0.85,
  },
  // TDK C-series: C + metric size + dielectric (X7R, C0G, ...) + voltage code
  {
    label: "TDK C-series MLCC family",
    pattern: /^C(0402|0603|1005|1608|2012|3216|3225|4532|5750)(X[5-8][RST]|C0G|NP0|X7T|JB|CH)/,
    cls: "mlcc",
    confidence: 0.85,
  },
  {
    label: "TDK CGA/CGJ automotive MLCC family",
    pattern: /^CG[AJ]\d[A-Z0-9]{2}(X[5-8][RST]|C0G|NP0)/,
    cls: "mlcc",
    confidence: 0.85,
  },
  // KEMET: C + EIA size + C (ceramic) + capacitance code + tolerance + voltage + dielectric
  {
    label: "KEMET C-series MLCC family",
    pattern: /^C(0201|0402|0603|0805|1206|1210|1812|2220)C\d{3}[BCDFGJKMZ]\d[GRPU]/,
    cls: "mlcc",
    confidence: 0.85,
  },
  {
    label: "Yageo CC MLCC family",
    pattern: /^CC(0201|0402|0603|0805|1206|1210|1812)[A-Z]{2}[A-Z0-9]{3}/,
    cls: "mlcc",
    confidence: 0.85,
  },
  {
    label: "Taiyo Yuden MLCC family",
    pattern: /^[AEGHJLQTU]M[KFJ](021|042|063|105|107|212|316|325|432)/,
    cls: "mlcc",
    confidence: 0.85,
  },
  // KYOCERA AVX: EIA size + voltage code + dielectric + capacitance code + tolerance
  {
    label: "AVX MLCC family",
    pattern: /^(0201|0402|0603|0805|1206|1210|1812)[0-9A-Z][ACDGUY]\d{3}[A-Z]{2}/,
    cls: "mlcc",
    confidence: 0.75,
  },
  // Tantalum: KEMET T49x/T5xx, AVX TAJ/TPS/TCJ (TPS + case letter, unlike TI TPS + digits), Vishay 293D
  {
    label: "KEMET tantalum family",
    pattern: /^T(49[0-9]|5[0-9]{2})[A-EVXYRSTUW]\d{3}[KM]/,
    cls: "tantalum",
    confidence: 0.85,
  },
  {
    label: "AVX tantalum family",
    pattern: /^(TAJ|TPS|TCJ|TPM|TRJ|THJ|TAC|TLJ|F93|F95)[A-EVWXYRPSTU]\d{3}[KM]/,
    cls: "tantalum",
    confidence: 0.85,
  },
  {
    label: "Vishay tantalum family",
    pattern: /^(293D|593D|TR3[A-E]|T8[3-6][A-E])\d{3}/,
    cls: "tantalum",
    confidence: 0.8,
  },
  // Aluminium electrolytic: Panasonic EEE/EEU/EEV, Nichicon U + series + voltage + cap code
  {
    label: "Panasonic aluminium electrolytic family",
    pattern: /^EE[EUVA]-?[A-Z]{2}\d[A-Z]\d{3}/,
    cls: "aluminiumElectrolytic",
    confidence: 0.85,
  },
  {
    label: "Nichicon aluminium electrolytic family",
    pattern:
      /^U(VR|VZ|VK|VY|WT|WX|UD|UX|UG|CD|CL|CM|HE|HW|PW|PM|PJ|BW|KL|KW|LD|MA|MW|ES|KA|FG|RS|PS|CZ|UR|UT|CS|CA|CV)\d[A-Z]\d{3}[KM]/,
    cls: "aluminiumElectrolytic",
    confidence: 0.85,
  },
  // Film: Panasonic ECQ/ECW, WIMA, EPCOS/TDK B32xxx
  {
    label: "Panasonic film capacitor family",
    pattern: /^EC[QWH]-?[A-Z0-9]{2}/,
    cls: "film",
    confidence: 0.8,
  },
  {
    label: "WIMA film capacitor family",
    pattern: /^(MKS|MKP|FKP|FKS|MKM|SMD-?PPS)\d/,
    cls: "film",
    confidence: 0.8,
  },
  {
    label: "EPCOS B32 film capacitor family",
    pattern: /^B3(2[0-9]|3[0-9])\d{2}[A-Z]?\d/,
    cls: "film",
    confidence: 0.8,
  },
];

const RESISTORS: Rule[] = [
  {
    label: "Yageo RC/AC/RT chip resistor family",
    pattern: /^(RC|AC|RT|RL|PT|AT|AF|YC|RE|SR)(0075|0100|0201|0402|0603|0805|1206|1210|1218|2010|2512)[A-Z]/,
    cls: "resistorSmd",
    confidence: 0.85,
  },
  {
    label: "Vishay CRCW/TNPW chip resistor family",
    pattern:
      /^(CRCW|TNPW|RCS|RCA|RCG|RCWE|WSL|MCT|MCS|MCA|PAT|PNM)(0201|0402|0603|0805|1206|1210|2010|2512|\d{4})/,
    cls: "resistorSmd",
    confidence: 0.85,
  },
  {
    label: "Panasonic ERJ/ERA chip resistor family",
    pattern: /^ER[JA]-?[0-9A-Z]{2,}/,
    cls: "resistorSmd",
    confidence: 0.85,
  },
  {
    label: "Stackpole RMCF/RNCP chip resistor family",
    pattern: /^(RMCF|RMCP|RNCF|RNCP|CSR|CSRN|RHC|HCJ)(0201|0402|0603|0805|1206|1210|2010|2512)/,
    cls: "resistorSmd",
    confidence: 0.85,
  },
  {
    label: "Bourns CR/CRT/CRM chip resistor family",
    pattern: /^(CR|CRT|CRM|CRL|CRS|CHV|CRF|CMP)(0201|0402|0603|0805|1206|1210|2010|2512)-/,
    cls: "resistorSmd",
    confidence: 0.85,
  },
  {
    label: "KOA RK73 chip resistor family",
    pattern: /^(RK73|RN73|SG73|WK73|UR73|TLR)[A-Z]?\d[A-Z]/,
    cls: "resistorSmd",
    confidence: 0.85,
  },
  {
    label: "Rohm chip resistor family",
    pattern: /^(MCR|ESR|KTR|LTR|UCR|PMR|TRR)(006|01|03|10|18|25|50|100)[A-Z]/,
    cls: "resistorSmd",
    confidence: 0.8,
  },
  {
    label: "Susumu chip resistor family",
    pattern: /^(RR|RG|PRL|KRL|HRG)(0306|0510|0816|1220|1608|2012|3216)[A-Z]/,
    cls: "resistorSmd",
    confidence: 0.8,
  },
  {
    label: "Samsung RC chip resistor family",
    pattern: /^RC(1005|1608|2012|3216|3225|5025|6432)[FJDB]/,
    cls: "resistorSmd",
    confidence: 0.85,
  },
  {
    label: "Yageo MFR/MF metal film resistor family",
    pattern: /^(MFR|MF|MFP|MOR|MO|RSF|RSMF|FMP)-?\d{1,3}[A-Z]{1,3}/,
    cls: "resistorFilmTht",
    confidence: 0.75,
  },
  {
    label: "Vishay CMF/RN/MBB metal film resistor family",
    pattern: /^((CMF|RN)(50|55|60|65|70|75|80)|(MBB|MBA|MBE)02\d{2}|SFR(16|25)|PR0[1-3])/,
    cls: "resistorFilmTht",
    confidence: 0.7,
  },
  {
    label: "Yageo CFR carbon film resistor family",
    pattern: /^(CFR|CF|CFM)-?\d{2,3}[A-Z]{1,3}/,
    cls: "resistorCarbon",
    confidence: 0.75,
  },
  {
    label: "Bourns trimmer potentiometer family",
    pattern:
      /^3(006|009|059|214|223|224|252|266|269|290|292|296|299|306|309|310|314|323|329|339|352|362|381|382|386)[A-Z]{1,2}-/,
    cls: "potentiometer",
    confidence: 0.85,
  },
  {
    label: "Bourns panel potentiometer family",
    pattern: /^(PTV|PTA|PTL|PDB|PTR|PTE|PTS9|PRS|3310|3382|51AAD|91A|P1[46]0)[0-9A-Z]*-/,
    cls: "potentiometer",
    confidence: 0.75,
  },
  {
    label: "Murata NCP/NCU NTC thermistor family",
    pattern: /^NC[PU](03|15|18|21)[A-Z]{2}\d{3}/,
    cls: "thermistor",
    confidence: 0.85,
  },
  {
    label: "TDK/EPCOS thermistor family",
    pattern: /^(NTCG|NTCS|B57\d{3}|B59\d{3}|PRF\d{2})/,
    cls: "thermistor",
    confidence: 0.8,
  },
  {
    label: "Littelfuse/EPCOS varistor family",
    pattern: /^(V\d{2,3}(ZA|ZS|ZT|MLA|CH|E|LA|RA)\d|S\d{2}K\d{2,4}|B72\d{3}|ERZ-?[EVC]\d|VDR|MOV-\d{2})/,
    cls: "varistor",
    confidence: 0.8,
  },
  {
    label: "PPTC resettable fuse family",
    pattern:
      /^(MF-(MSMF|SM|NSMF|R|RX|RHT|LSMF|USMF|PSMF|FSMF|SMDF)|0ZC[A-Z]|RXEF|RUEF|RGEF|RKEF|MICROSMD|NANOSMDC|MINISMDC|SMD(030|050|100|125|150|200)|1812L\d|1206L\d|0805L\d|0603L\d)/,
    cls: "pptc",
    confidence: 0.85,
  },
];

const MAGNETICS: Rule[] = [
  {
    label: "Murata LQ/BLM/DLW inductor family",
    pattern: /^(LQ[GHMPW]\d{2}|BLM\d{2}|BLA\d{2}|DLW\d{2}|DLM\d{2}|DFE\d{3}|LQB)/,
    cls: "inductor",
    confidence: 0.85,
  },
  {
    label: "TDK inductor/ferrite family",
    pattern: /^(MLZ|MLF|MLK|MLG|VLS|VLF|VLC|SLF|CLF|MPZ|MMZ|ACM|TFM|SPM|LTF|NLV|NLCV|NLC|MLJ|HF)\d{4}/,
    cls: "inductor",
    confidence: 0.8,
  },
  {
    label: "Coilcraft inductor family",
    pattern:
      /^((XAL|XFL|XEL|XGL|LPS|MSS|MOS|LPD|SER|DO|DS|ME|MSD|LPO)\d{4}|(0201|0402|0603|0805|1008|1206)(CS|HP|HQ|LS|AF|DC|CT)-)/,
    cls: "inductor",
    confidence: 0.8,
  },
  {
    label: "Bourns SRR/SRN inductor family",
    pattern: /^(SRR|SRN|SRU|SDR|SRP|SRF|SDE|PM|RLB)\d{4}[A-Z]?-/,
    cls: "inductor",
    confidence: 0.8,
  },
  {
    label: "Sumida/Taiyo/Vishay power inductor family",
    pattern:
      /^(CDRH\d|CDR\d|CD54|CD43|CD32|NRS\d{4}|NR\d{4}|LBR\d{4}|LBM\d{4}|CBC\d{4}|IHLP-?\d{4}|IHSM-?\d|IDC[PS]-?\d{4}|IFSC-?\d{4})/,
    cls: "inductor",
    confidence: 0.8,
  },
  {
    label: "Würth WE inductor/ferrite family",
    pattern: /^74(4|2)\d{5,9}[A-Z0-9]*$/,
    cls: "inductor",
    confidence: 0.8,
    manufacturer: WURTH,
  },
];

const SEMICONDUCTORS: Rule[] = [
  // Diodes: names fixed by JEDEC/Pro Electron; LL/FDLL/PMLL = MiniMELF SMD versions
  {
    label: "1N4148/1N914 signal diode (MiniMELF/SOD) family",
    pattern: /^(LL|FDLL|PMLL|MCL|LS)4148|^(LL|FDLL)914|^1N4148W|^1N4448W|^1N914W/,
    cls: "diode",
    confidence: 0.85,
  },
  {
    label: "1N4148/1N914 signal diode family",
    pattern: /^1N(4148|914|4448|4150)(?!W)/,
    cls: "diodeTht",
    confidence: 0.85,
  },
  {
    label: "1N400x/1N540x/1N58xx rectifier family",
    pattern: /^1N(400[1-7]|540[0-8]|58(1[7-9]|2[0-2])|493[3-7]|4934)/,
    cls: "diodeTht",
    confidence: 0.85,
  },
  {
    label: "Zener diode family (SMD)",
    pattern: /^(BZX84|BZT52|MMSZ|MM3Z|MMBZ5|BZX585|BZX384|PDZ|UDZ|TDZ|BZV55|SZMMSZ|SMAZ|SMBZ|1SMA59|1SMB59)/,
    cls: "zener",
    confidence: 0.85,
  },
  {
    label: "Zener diode family (PTH)",
    pattern: /^(1N47[2-6]\d|1N52[0-5]\d|1N59[1-5]\d|BZX55|BZX79|BZX85|BZV85)/,
    cls: "zenerTht",
    confidence: 0.85,
  },
  {
    label: "TVS diode family (SMD)",
    pattern:
      /^(SZ)?(SMAJ|SMBJ|SMCJ|SMDJ|SMF|SMLJ|P4SMA|P6SMB|1\.5SMC|SMA6J|SMM4F|SM6T|SM15T|TPSMA|TPSMB|TPSMC)\d/,
    cls: "tvs",
    confidence: 0.85,
  },
  {
    label: "TVS diode family (PTH)",
    pattern: /^(P4KE|P6KE|1\.5KE|5KP|15KP|SA\d|SAC|3KP|TPSA)\d/,
    cls: "tvs",
    confidence: 0.75,
  },
  {
    label: "ESD protection diode family",
    pattern: /^(PESD|ESD[0-9A-Z]|PRTR|SP0[0-9]|SP3[0-9]|USBLC|TPD[1-8]E|RCLAMP|CDSOT|SRV05|ESDA)\w*/,
    cls: "tvs",
    confidence: 0.75,
  },
  {
    label: "Small-signal/Schottky diode family (SMD)",
    pattern:
      /^(BAT\d{2}|BAS\d{2}|BAV\d{2}|BAW\d{2}|BAR\d{2}|BAP\d{2}|RB\d{3}|SS[1-3]\d{1,2}|SK[1-3]\d{1,2}|MBR[SA0]\d{3}|B[1-3]\d{2}[A-Z]?-|S[1-3][ABDGJKM]\b|ES[1-3][ABDGJ]|US1[ABDGJKM]|SM4\d{3}|1PS\d{2}|CUS\d{2}|RB\d{3})/,
    cls: "diode",
    confidence: 0.8,
  },
  {
    label: "Bridge rectifier family",
    pattern: /^(MB[0-9]{1,2}S|DF(005|0[1-9]|10)S|ABS(10|2|4|6|8)|MB[0-9]{1,2}F|HD0[1-6])/,
    cls: "diode",
    confidence: 0.75,
  },
  {
    label: "Bridge rectifier family (PTH)",
    pattern: /^(GBU|GBJ|KBP|KBU|KBPC|GBPC|DB10|RS40|W0[0-9]G|2W0)\d/,
    cls: "diodeTht",
    confidence: 0.75,
  },
  // Bipolar transistors: MMBT/BC8xx/FMMT/PMBT in SOT-23; BC5xx/2N in TO-92; TIP/MJE/BD power
  {
    label: "SMD small-signal transistor family",
    pattern:
      /^(MMBT|MMBTA|PMBT|PBSS|FMMT|FZT|BC8[0-9]{2}|BCX\d{2}|BCW\d{2}|BCV\d{2}|BFR\d{2}|BFT\d{2}|MMUN|DTC\d{3}|DTA\d{3}|PDTC|PDTA|MUN5|NSS\d|2SC\d{4}|2SA\d{4}|2N7002|BSS\d{2,3}|IRLML|DMG\d{4}|DMN\d{4}|DMP\d{4}|PMV\d{2}|NTR\d{4}|FDN\d{3}|NDS\d{3,4}|AO3\d{3}|SI23\d{2}|MMBF)/,
    cls: "transistorSmall",
    confidence: 0.85,
  },
  {
    label: "TO-92 small-signal transistor family",
    pattern:
      /^(BC[2-5]\d{2}|2N(2222|2907|3904|3906|4401|4403|5551|5401|4124|4126|3903|3905|5088|5089|2369|7000)|BS170|BS250|J1[0-9]{2}|MPSA\d{2}|PN2222|PN2907|2SC\d{3}\b|S80[5-9]\d)/,
    cls: "transistorSmallTht",
    confidence: 0.85,
  },
  {
    label: "Power transistor / MOSFET family",
    pattern:
      /^(TIP\d{2,3}|MJE\d{3,5}|MJD\d{2,3}|MJ\d{4,5}|BD\d{3}|BU\d{3}|D44H|D45H|2N3055|2N6\d{3}|IRF[A-Z]?\d|IRL[BRSUZ]?\d|IRG[BP]|IPP\d|IPB\d|IPD\d|IPW\d|IPA\d|BSC\d{3}|BSZ\d{3}|FQP\d|FQD\d|FQA\d|FDP\d|FDD\d|FDS\d{4}|STP\d{1,3}N|STB\d{1,3}N|STD\d{1,3}N|STW\d{1,3}N|STF\d{1,3}N|CSD\d{5}|SUD\d|SUP\d|AOD\d|AON\d|AOT\d|NTD\d|NTMFS|NVMFS|IXF[HKNPT]|IXG[HKNPT]|IKW\d|IGW\d|SPP\d|SPW\d)/,
    cls: "transistorPower",
    confidence: 0.8,
  },
  {
    label: "Thyristor/TRIAC family",
    pattern:
      /^(BT1[3-5][0-9]|BTA\d{2}|BTB\d{2}|TIC\d{3}|MAC\d{2,3}|2N50(6[0-4])|Z0[1-4]\d{2}|TYN\d{3,4}|BT[A-B]?\d{3}-|T[0-9]{3,4}-\d{3}|S[0-9]{4}[LNR])/,
    cls: "thyristor",
    confidence: 0.75,
  },
  // LEDs
  { label: "Lite-On LTST/LTW SMD LED family", pattern: /^LT(ST|W)-[A-Z0-9]/, cls: "led", confidence: 0.85 },
  {
    label: "Kingbright APT/APHHS SMD LED family",
    pattern: /^(APT|APTD|APHHS|APHCM|APHD|APHB|APFA|AA\d{4}|KPT|KPTD|KPHHS)\d{2,4}/,
    cls: "led",
    confidence: 0.8,
  },
  {
    label: "Kingbright WP/L- through-hole LED family",
    pattern: /^(WP\d{3,4}[A-Z]|L-\d{2,4}[A-Z]{2,})/,
    cls: "ledTht",
    confidence: 0.8,
  },
  {
    label: "Rohm/Everlight/Lumileds SMD LED family",
    pattern:
      /^(SML-[A-Z0-9]{3,}|SMLP|19-21[/-]|19-217|17-21[/-]|12-21[/-]|LXZ1-|L1T2-|LXML-|LUXEON|XPEB|XPEH|XPGD|XHP\d{2}|MHB[ABD])/,
    cls: "led",
    confidence: 0.8,
  },
  {
    label: "Würth WL LED family",
    pattern: /^15\d{4}[A-Z]{2}\d{5}$/,
    cls: "led",
    confidence: 0.75,
    manufacturer: WURTH,
  },
  // Optocouplers and photoMOS relays (photosensitive semiconductor devices)
  {
    label: "Optocoupler family",
    pattern:
      /^(PC8\d{2}|PC817|PC357|LTV-?\d{3,4}|EL\d{3,4}|TLP\d{3,4}|HCPL-?\d{3,4}|ACPL-?[A-Z0-9]{3,4}|FOD\d{3,4}|MOC\d{4}|4N(25|26|27|28|32|33|35|36|37)|6N13[5-9]|H11[A-Z]\d|CNY17|VO\d{3,4}|TCMT\d|TCLT\d|SFH6\d{2}|IL\d{3}|PS2\d{3}|K817P|KB817|TCET\d)/,
    cls: "photo",
    confidence: 0.85,
  },
  {
    label: "PhotoMOS/OptoMOS solid-state relay family",
    pattern: /^(AQ[VYWZH]\d{3}|G3VM-|LAA\d{3}|LBA\d{3}|LCA\d{3}|PVT\d{3}|PVG\d{3}|TLP\d{3}[AG]?-)/,
    cls: "photo",
    confidence: 0.8,
  },
  {
    label: "Photodiode/phototransistor family",
    pattern: /^(BPW\d{2}|BPX\d{2}|SFH\s?\d{3,4}|TEPT\d|TEMT\d|PT\d{3}-|VEMT\d|VEMD\d)/,
    cls: "photo",
    confidence: 0.75,
  },
  // Crystals and resonators
  {
    label: "Quartz crystal family",
    pattern:
      /^(ABM\d{1,2}|ABLS|ABMM|ECS-\d{2,3}|FA-\d{2,3}|FC-\d{3}|TSX-\d{4}|NX\d{4}[A-Z]{2}|HC-?49|Q\d{2}FA|FQ\d{4}|7[ABVM]-\d|X1E\d|LFXTAL|9B-\d|ABS(06|07|10|13|25))/,
    cls: "crystal",
    confidence: 0.8,
  },
  {
    label: "Ceramic resonator family",
    pattern: /^(CSTCE|CSTNE|CSTLS|CSTCR|ZTT|AWSCR|PBRC)/,
    cls: "resonator",
    confidence: 0.8,
  },
];

const ICS: Rule[] = [
  // Wireless modules before the bare SoC patterns that share their prefix
  {
    label: "Espressif Wi-Fi module family",
    pattern:
      /^(ESP32-(WROOM|WROVER|MINI|SOLO|PICO-MINI|[CSH]\d+-(WROOM|MINI|WROVER))|ESP-(WROOM|12[EFS]?|01|07|32)|ESP8266-\d{2}|ESP-C3-)/,
    cls: "wirelessModule",
    confidence: 0.8,
  },
  {
    label: "Radio module family",
    pattern:
      /^(RN4[0-9]{3}|RN2[0-9]{3}|BM7[0-9]|NINA-|ANNA-|SARA-|LARA-|NEO-M\d|MAX-M\d|ZOE-M|RFM9[5-8]|HC-0[5-6]|XBP?\d{2}|CYBLE-|BGM1\d{2}|MGM1\d{2}|WL18\d{2}MOD|CC3\d{3}MOD|ATWINC15|ATWILC)/,
    cls: "wirelessModule",
    confidence: 0.75,
  },
  {
    label: "Microcontroller family",
    pattern:
      /^(STM32[A-Z]\d|STM8[ALSTU]|ATMEGA\d|ATTINY\d|ATXMEGA|ATSAM[A-Z0-9]|AT90|PIC(10|12|16|18|24|32)[A-Z]{1,2}\d|DSPIC\d|MSP430|MSPM0|LPC\d{3,4}|MKL?\d{2}[A-Z]|MKE\d{2}|MIMXRT\d|S32K\d|ESP32(-[CSHP]\d)?(-[A-Z]|[A-Z])|ESP8266EX|ESP32$|RP2040|RP2350|NRF5[1-4]\d{3}|CC(13|26|25|23|32)\d{2}[A-Z]|TMS320|TM4C\d|EFM32|EFM8|EFR32|SAM[DELCGSV]\d{2}|R5F\d|R7F\d|GD32[A-Z]\d|CH32V\d|CH55\d|MC9S08|MC9S12|S9S12|MCF5|MPC5\d|SPC5\d|XMC\d{4}|CY8C\d|PSOC|XC7Z|ZYNQ|IMX\d|MCIMX|AM335|AM62|AM64)/,
    cls: "mcu",
    confidence: 0.85,
  },
  {
    label: "FPGA/CPLD family",
    pattern:
      /^(XC[3-7][A-Z0-9]{2,}|XCKU|XCVU|EP4C|EP2C|EPM\d|10M\d{2}|5CE[BF]|LCMXO|ICE40|LFE5|GW1N|GW2A|M2S\d{3}|A3P\d)/,
    cls: "ic",
    confidence: 0.8,
  },
  {
    label: "Serial memory family",
    pattern:
      /^(24(AA|LC|C|FC|CW)\d{2,4}|25(LC|AA|C|CSM)\d{3}|AT24C|AT25[A-Z0-9]|AT45DB|W25[QXNMH]\d|MX25[LRUV]\d|MX66|IS25[LW]P|GD25[QLBD]|S25FL|S25FS|N25Q|MT25Q|SST(25|26|39)[A-Z]{2}|CY62\d|CY7C1|IS61|IS62|23LC|23K\d|FM25[VWL]|FM24[VWCL]|MB85R|CAT24|CAT25|M24C|M24\d{3}|M95\d{3}|AT28|M29W|S29[AGJ]|MT29F|W29N|TC58|IS66|APS\d{4}|LY68)/,
    cls: "memory",
    confidence: 0.85,
  },
  {
    label: "DRAM family",
    pattern:
      /^(MT4[0-9][A-Z]\d|MT5[23][A-Z]|K4[ABTFHU]\d|H5[ATA]|H9|IS4[236][A-Z]|AS4C\d|W9[4-8]\d|W63|NT5[A-Z]|MT46|MT47|MT48|MT41)/,
    cls: "dram",
    confidence: 0.85,
  },
  {
    label: "Operational amplifier family",
    pattern:
      /^(OPA\d{3,4}|NE5532|NE5534|TL0[78][1-4]|LM(358|324|321|741|833|386|2904|2902|4562|6171|7301|8261)|MCP60[0-9]{2}|MCP6[0-9]{3}|AD8[0-9]{2,3}|ADA4\d{3}|AD8[0-9]{3}|INA\d{3}|THS\d{4}|TLV(2|9)\d{2,3}|TSV\d{3}|LMV\d{3}|OP(07|27|37|A)\d*|LT1\d{3}|LT6\d{3}|TS(9|27)\d{2}|NCS\d{3}|LMC6\d{3}|CA31\d{2})/,
    cls: "amplifierIc",
    confidence: 0.8,
  },
  {
    label: "74-series logic family",
    pattern:
      /^(SN|MC|NC|M|HD|CD)?74(HC|HCT|LS|LVC|LV|AHC|AHCT|ALVC|ALVCH|AC|ACT|F|ABT|LVT|AUP|AUC|ALS|S|HCU|AVC|CBT|CBTLV|LVX|VHC|VHCT|HCS|LCX|GTL|AXC|1G|2G|3G)\d/,
    cls: "ic",
    confidence: 0.85,
  },
  {
    label: "4000-series CMOS logic family",
    pattern: /^(CD4\d{3}[A-Z]|MC14\d{3}[A-Z]|HEF4\d{3}|TC4\d{3}B)/,
    cls: "ic",
    confidence: 0.8,
  },
  {
    label: "78xx/79xx/LDO regulator family",
    pattern:
      /^(L|LM|MC|UA|KA|NJM|AN)?7[89](L|M)?(0[5-9]|1[0-8]|2[04]|33)(A|C|AB|CT|CV|ACZ|CZ|BT|AMTF|F|CD|D)?\b|^(AMS1117|LM1117|LD1117|AP\d{4}|XC6\d{3}|MIC5\d{3}|MCP17\d{2}|HT7\d{3}|RT9\d{3}|TLV7\d{2}|LP29\d{2}|LP5907|NCP1\d{2}|SPX\d{4}|LT3\d{3}|LM(317|337|1084|1085|1086|2576|2596|2940|3940|1815|431|385|336))/,
    cls: "ic",
    confidence: 0.8,
  },
  {
    label: "Analog/mixed-signal IC family",
    pattern:
      /^(TPS\d|TPD\d|TLV\d|TLC\d|TL431|UCC\d|UC38\d|LMR\d|LMZ\d|LMP\d|LMH\d|LMK\d|LP\d{4}|LTC\d|LTM\d|LT\d{4}|MAX\d|MCP\d{3,4}|ADP\d|ADM\d|ADUM\d|ADS\d|ADC\d{3}|DAC\d|AD[5-9]\d{2,3}|ISO\d{3,4}|SN(65|75)\w|TCAN\d|TXB\d|TXS\d|TCA\d|PCA9\d|PCF8\d|TMP\d{2,3}|HDC\d|DRV\d|BQ\d{4}|DP83\d|CDCE|NCP\d|NCV\d|MIC\d|FT232|FT2232|FT230|FT231|CH340|CH341|CP210\d|DS(18B20|1307|3231|2401|1302)|NE555|ICM7555|LMC555|ULN200\d|ULN280\d|L293|L298|L6\d{3}|A49\d{2}|A39\d{2}|TMC\d{4}|HX711|SI53\d{2}|SI47\d{2}|ACS7\d{2}|INA2\d{2}|MP\d{4}|RT\d{4}|AOZ\d|SY8\d{3}|TLE\d{4}|BTS\d{3,4}|VNH\d|VN\d{4}|IR2\d{3}|IRS2\d{3}|FAN\d{4}|LM\d{3,4}|KA\d{3,4}|SG3525|TL494|TL7\d{2})/,
    cls: "ic",
    confidence: 0.75,
  },
];

const ELECTROMECHANICAL: Rule[] = [
  // Fuses
  {
    label: "Littelfuse fuse family",
    pattern:
      /^0(451|452|453|448|437|438|440|443|449|466|467|468|154|157|215|216|217|218|219|230|232|233|235|236|242|251|252|255|257|263|273|278|287|297|299|313|314|318|324|325|326|3AG|034)\d{0,3}[.]?[0-9A-Z]+/,
    cls: "fuse",
    confidence: 0.7,
  },
  {
    label: "Bussmann fuse family",
    pattern:
      /^(ANL|ANN|ATM|ATC|ATO|ATQ|MDL|MDA|ABC|AGC|AGW|GMA|GMC|GMD|GDA|GDB|GDC|S500|S501|S505|S506|KTK|FNQ|FNM|KLM|LPJ|LP-CC|JJN|JJS|TCP|C515|C520|BK1?\/|SF\d{4}|TR2\/|3SB|TDC)[- ]?\d/,
    cls: "fuse",
    confidence: 0.8,
  },
  {
    label: "Bel Fuse fuse family",
    pattern: /^(5ST|5HF|5HT|5TT|5SF|0ADA|0ADB|0ADK|0AGC|C1Q|SSQ|RST|MJS|SMM|SMP|C1F)[- ]?\d/,
    cls: "fuse",
    confidence: 0.75,
  },
  // Relays
  {
    label: "Omron relay family",
    pattern: /^G(2R|2RL|5LE|5LA|5V|6K|6[AHJSEU]|5Q|5NB|5CA|3MB|7L|2RG|8P|5RL|4A|6B|6C|6D|2R-)[0-9A-Z-]*/,
    cls: "relay",
    confidence: 0.85,
  },
  {
    label: "Relay family",
    pattern:
      /^(SRD-|SRA-|JQC-|HF\d{2,4}F|HK\d{1,2}F|JS1-|TQ2-|TQ2SA|TX2-|TXS2|AGN2|AGQ2|ALQ\d|DS2Y|JW1|JW2|V23\d{3}|RT[13]\d{5}|RTE\d{5}|RZ03|PCJ-|PCH-|T9A|T9G|OZ-|OJE-|IM0\d|FTR-|RY\d{6}|EC2-|ARE1|NA05|FRS|HFD\d|HFE\d|G3MB|40\.52|40\.61|41\.52|46\.52)/,
    cls: "relay",
    confidence: 0.8,
  },
  // Switches and encoders
  {
    label: "Tactile switch family",
    pattern:
      /^(B3F|B3U|B3S|B3FS|B3SL|B3W|EVQ-?P|EVP-?A|PTS\d{3}|KMR\d|SKQG|SKHH|SKRP|TL\d{4}|FSM\d|KSC\d|KSR\d|TS\d{2}-|DTS-|PTS6|SKSL|CKN\d{4})/,
    cls: "switch",
    confidence: 0.8,
  },
  {
    label: "Slide/toggle/DIP switch family",
    pattern:
      /^(OS\d{6}|SS-?\d{2}[A-Z]\d{2}|JS\d{6}|MSS\d|MHS\d|EG\d{4}|CAS-\d|100SP|200MS|7101|7201|M20\d|TDA\d{2}|SDA\d{2}|CHS-\d{2}|KAT\d{2}|218-\d|206-\d|DS04|CTS\d{3}|ADE\d{4}|A6[ESTRH]-|MTS-\d|KCD\d|R13-)/,
    cls: "switch",
    confidence: 0.75,
  },
  {
    label: "Rotary encoder family",
    pattern: /^(PEC1[1-6]|PEC09|PEL12|PES12|EC11|EC12|EN11|EC20|EVE-?K|EVQ-?WK|ENS1J|ENA1J|EM14|RE1\d)/,
    cls: "encoder",
    confidence: 0.8,
  },
  // Connectors
  {
    label: "JST header family",
    pattern: /^(S|B|SM|BM)\d{1,2}B-(PH|XH|ZR|SH|GH|EH|PA|PUD|SUR|VH|SR|SRSS|PASK|NR|ZE|XA|XAD|PNDZ)S?-/,
    cls: "pcbConnector",
    confidence: 0.85,
  },
  {
    label: "JST housing family",
    pattern: /^(PHR|XHP|ZHR|SHR|GHR|EHR|PAP|VHR|SMP|SMR|NSHR|ZER|PUDP|SUR|PNDP|XAP|SXH)-\d{1,2}/,
    cls: "connectingOther",
    confidence: 0.75,
  },
  {
    label: "JST crimp contact family",
    pattern: /^(SPH|SXH|SZH|SSH|SHF|SEH|SVH|SPUD|SPND|SAN|SGH|SACH)-\d{3}[A-Z]*-P\d/,
    cls: "connectingOther",
    confidence: 0.8,
  },
  {
    label: "Samtec connector family",
    pattern:
      /^(TSW|SSW|TSM|SSM|HTSW|MTSW|FTSH|FTS|TFM|SFM|CLP|CLM|BTE|BSE|QTE|QSE|QTH|QSH|ERF8|ERM8|SEAF|SEAM|TMM|SMM|ESQ|ESW|BCS|IPL1|IPS1|FTMH|FLE|BBL|MTMM|SQT|HLE|TLW|SLM|SMH|TSHC|SFMC|FTM|LSHM|HSEC8|MEC[1-9]|FFSD|TCSD|HFEM|HCSD)-\d/,
    cls: "pcbConnector",
    confidence: 0.85,
  },
  {
    label: "Hirose FPC/FFC connector family",
    pattern: /^(FH\d{2}[A-Z]?-|XF2[BLM]-)/,
    cls: "flatCableConnector",
    confidence: 0.7,
  },
  {
    label: "Hirose board connector family",
    pattern: /^(DF\d{1,2}[A-Z]?|FX\d{1,2}[A-Z]?|BM\d{2}[A-Z]?|ZX\d{2,3}|DF1[1-9]|IT3|IX\d{2}|BK13)-\d/,
    cls: "pcbConnector",
    confidence: 0.8,
  },
  {
    label: "Molex connector family",
    pattern: /^(0?\d{3}-?\d{4,6}(-\d{3,4})?|\d{9,10})$/,
    cls: "connectorGeneric",
    confidence: 0.6,
    manufacturer: MOLEX,
    generic: true,
  },
  {
    label: "TE/AMP connector family",
    pattern: /^(\d-)?\d{6,7}-\d$/,
    cls: "connectorGeneric",
    confidence: 0.6,
    manufacturer: TE,
    generic: true,
  },
  {
    label: "Phoenix Contact terminal block family",
    pattern: /^\d{7}$/,
    cls: "terminalBlock",
    confidence: 0.6,
    manufacturer: PHOENIX,
  },
  {
    label: "Würth WR-PHD header family",
    pattern: /^6(1|2)\d{9}$/,
    cls: "pcbConnector",
    confidence: 0.75,
    manufacturer: WURTH,
  },
  {
    label: "Würth WR-TBL terminal block family",
    pattern: /^691\d{9}$/,
    cls: "terminalBlock",
    confidence: 0.75,
    manufacturer: WURTH,
  },
  // WAGO: 2xx/22xx lever and rail-mount terminal blocks; 857 JUMPFLEX signal conditioners; 787 power supplies
  {
    label: "WAGO power supply family",
    pattern: /^787-\d{3,4}/,
    cls: "powerSupply",
    confidence: 0.75,
    manufacturer: WAGO,
  },
  {
    label: "WAGO terminal block family",
    pattern: /^(2\d{2}|22\d{2}|27\d{2}|20\d{2}|70\d)-\d{3,4}(\/\d{3}-\d{3})?$/,
    cls: "terminalBlock",
    confidence: 0.75,
    manufacturer: WAGO,
  },
];

const OTHER: Rule[] = [
  // 3M heat-shrink tubing product lines (FP-301 flexible, EPS-200/300/400, SFTW thin wall, ...)
  {
    label: "3M heat-shrink tubing family",
    pattern:
      /^(FP-?301|EPS-?[234]00|SFTW-?20[0-9]|ITCSN|GTI-?\d{3,4}|VFP-?876|MDT-?A?|HDT-?A?|BBI-?\d|Q2-?F|IMCSN|CWT|TWT|SFTW|FP-?301|MW-?\d{3}|SRW)\b/,
    cls: "heatShrink",
    confidence: 0.8,
    manufacturer: THREE_M,
  },
  {
    label: "Lithium coin cell designation",
    pattern:
      /^(CR|BR)(1025|1130|1216|1220|1225|1616|1620|1632|2016|2025|2032|2320|2330|2354|2430|2450|2477|3032|123A?|2)\b/,
    cls: "batteryLithium",
    confidence: 0.8,
  },
  {
    label: "Silver oxide button cell designation",
    pattern:
      /^SR(41|43|44|45|48|54|55|57|58|59|60|62|63|64|66|68|69|416|421|516|521|616|621|626|716|721|726|920|927|936)(W|SW)?\b/,
    cls: "batterySilverOxide",
    confidence: 0.75,
  },
  {
    label: "Li-ion cell designation",
    pattern: /^(LIR|ICR|INR|NCR|IMR|IFR|LP)(18650|21700|14500|26650|10440|16340|\d{6})/,
    cls: "batteryLiIon",
    confidence: 0.75,
  },
  // ISO 15 ball bearing designations: 6xx/6xxx deep-groove, MR miniature, with seal/shield suffixes
  {
    label: "Deep-groove ball bearing designation",
    pattern:
      /^(MR|F|SMR|S)?(6[0-4]\d{1,2}|16\d{3}|6[0-9]{2}|69\d{2}|MR\d{2,3}|R\d{1,2})([-/ ]?(2RS\d?|2RSH|2RSR|2RZ|RS|ZZ|2Z|Z|DDU|LLU|LLB|VV|NR|C3|C4|ZZC3|2RSC3|RZ))+$/,
    cls: "bearingBall",
    confidence: 0.85,
  },
  {
    label: "Linear ball bushing designation",
    pattern: /^(LM|LME|KH|LMK|LMF)\d{1,2}(UU|LUU|AUU|OP)$/,
    cls: "bearingBallOther",
    confidence: 0.85,
  },
  {
    label: "Needle bearing designation",
    pattern: /^(HK|NK|NA|BK|HF|RNA|NKI|NKIS)\d{4}(-?(2RS|RS|ZW))?$/,
    cls: "bearingNeedle",
    confidence: 0.8,
  },
  {
    label: "Pillow block bearing unit designation",
    pattern: /^(UCP|UCF|UCFL|UCT|UCPA|KFL|KP|SBPP|UCFC)\d{2,3}/,
    cls: "bearingUnit",
    confidence: 0.8,
  },
  // DIN/ISO fastener standards
  {
    label: "DIN/ISO screw standard",
    pattern:
      /^(DIN|ISO)\s?-?(912|933|931|965|7985|7984|7380|7991|4762|4017|4014|1207|84|963|964|1580|10642|14579|14580|14583|7045|7046|7047)\b/,
    cls: "screw",
    confidence: 0.8,
  },
  {
    label: "DIN/ISO self-tapping screw standard",
    pattern: /^(DIN|ISO)\s?-?(7981|7982|7983|7976|1481|7049|7050|7051|14585|14586|14587|7504)\b/,
    cls: "selfTappingScrew",
    confidence: 0.8,
  },
  {
    label: "DIN/ISO nut standard",
    pattern: /^(DIN|ISO)\s?-?(934|985|982|439|4032|4035|10511|10512|7040|1587|6923|4161|562|917|315|4034)\b/,
    cls: "nut",
    confidence: 0.8,
  },
  {
    label: "DIN/ISO washer standard",
    pattern: /^(DIN|ISO)\s?-?(125|433|9021|7089|7090|7092|7093|440|6340)\b/,
    cls: "washer",
    confidence: 0.8,
  },
  {
    label: "DIN/ISO lock washer standard",
    pattern: /^(DIN|ISO)\s?-?(127|128|6797|6798|6796|25201)\b/,
    cls: "lockWasher",
    confidence: 0.8,
  },
];

export const FAMILY_RULES: readonly Rule[] = [
  ...CAPACITORS,
  ...RESISTORS,
  ...MAGNETICS,
  ...SEMICONDUCTORS,
  ...ICS,
  ...ELECTROMECHANICAL,
  ...OTHER,
];
