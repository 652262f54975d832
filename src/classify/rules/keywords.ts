import type { Rule } from "./types";

/**
 * Description keywords in English, Portuguese, Spanish and German, run against the normalized
 * description (lowercase, accents stripped). The first matching rule wins, so the list runs from
 * the most specific phrase to the most generic word: "fuse holder" before "fuse", "LED driver"
 * before "LED", "screw terminal" before "screw", and so on.
 *
 * Confidence: ~0.8 for phrases that name one NCM class, ~0.7 for words that name a heading but
 * leave the subheading to context, <= 0.6 for generic or ambiguous words (they only count
 * fully when an MPN family agrees).
 */

const CAP = "(capacitor|capacitores|condensador|condensadores|kondensator|kondensatoren|cap)";

// Things whose description mentions other components they are built from or used with.
const ASSEMBLIES: Rule[] = [
  {
    label: "isolation amplifier / signal conditioner",
    pattern:
      /\b(isolation amplifiers?|signal conditioners?|condicionador(es)? de sinal|acondicionador(es)? de senal|trennverstarker|signalwandler)\b.*\b(din|rail|trilho|riel|hutschiene)\b|\b(din|rail|trilho|riel|hutschiene)\b.*\b(isolation amplifiers?|signal conditioners?|condicionador(es)? de sinal|trennverstarker)\b/,
    cls: "signalConditioner",
    confidence: 0.7,
  },
  {
    label: "current transducer module",
    pattern:
      /\b(current (sensor|transducer)s?|sensor(es)? de corr?iente|transdutor(es)? de corrente|stromsensor|stromwandler)\b.*\b(module|modulo|closed loop|open loop|hall)\b/,
    cls: "currentTransducer",
    confidence: 0.6,
  },
  {
    label: "evaluation/development board",
    pattern:
      /\b(evaluation (board|kit|module)|eval(uation)? (board|kit)|development (board|kit|tools?)|dev(elopment)? kit|starter kit|daughter ?board|controlcard|breakout board|reference design|demo board|placa de (avaliacao|desenvolvimento)|kit de desenvolvimento|tarjeta de (evaluacion|desarrollo)|placa de evaluacion|evaluierungs(board|platine)|entwicklungs(board|kit))\b/,
    cls: "evalBoard",
    confidence: 0.5,
  },
  {
    label: "programmer/debugger",
    pattern: /\b(debugger|programmer|emulator|depurador|programador|emulador)\b/,
    cls: "evalBoard",
    confidence: 0.45,
  },
];

// Holders and sockets name the part they receive; they must win over that part's keyword.
const HOLDERS_AND_SOCKETS: Rule[] = [
  {
    label: "fuse holder",
    pattern:
      /\b(fuse ?holders?|fuse clips?|fuse blocks?|porta[- ]?fusive(l|is)|portafusibles?|porta fusibles?|sicherungshalter|sicherungssockel)\b/,
    cls: "connectingOther",
    confidence: 0.8,
  },
  {
    label: "relay socket",
    pattern: /\b(relay sockets?|base para rele|zocalo para rele|relaissockel)\b/,
    cls: "connectingOther",
    confidence: 0.65,
  },
  {
    label: "battery holder",
    pattern:
      /\b(battery (holders?|clips?|contacts?)|coin cell holders?|suporte (de|para) (bateria|pilha)s?|porta[- ]?pilhas?|portapilas|batteriehalter)\b/,
    cls: "connectingOther",
    confidence: 0.7,
  },
  {
    label: "lamp holder",
    pattern: /\b(lamp ?holders?|lamp sockets?|soquetes? de lampada|portalamparas|lampenfassung(en)?)\b/,
    cls: "lampHolder",
    confidence: 0.75,
  },
  {
    label: "IC socket",
    pattern:
      /\b(ic sockets?|dip sockets?|zif sockets?|plcc sockets?|soquetes? (para )?(ci|circuito integrado)|zocalos? (para )?(ic|ci|circuito integrado)|ic-sockel|ic-fassung)\b/,
    cls: "icSocket",
    confidence: 0.75,
  },
  {
    label: "module/card socket",
    pattern:
      /\b(dimm|so-?dimm|memory|sim|sd|micro ?sd|card|m\.2|pcie?)\b.*\b(sockets?|connectors?|slots?|holders?|zocalos?|soquetes?|conector(es)?|steckplatz)\b/,
    cls: "pcbConnector",
    confidence: 0.7,
  },
];

const PLASTICS_AND_MECHANICAL: Rule[] = [
  {
    label: "heat shrink tubing",
    pattern:
      /\b(heat[- ]?shrink(able)?|shrink tub(e|ing)|termo[- ]?(retratil|retrateis|contratil|contrateis|encolhivel)|termorretr[a-z]*|termocontr[a-z]*|termoencogible|tubo retractil|schrumpfschlauch\w*|warmeschrumpf\w*)\b/,
    cls: "heatShrink",
    confidence: 0.8,
  },
  {
    label: "cable tie",
    pattern:
      /\b(cable ties?|zip ties?|abracadeiras? (de )?nylon|enforca[- ]gato|bridas? (de )?(nylon|plastico)|cinchos?|kabelbinder)\b/,
    cls: "cableTie",
    confidence: 0.8,
  },
  {
    label: "insulating/adhesive tape",
    pattern:
      /\b(electrical tape|insulating tape|kapton tape|polyimide tape|adhesive tape|masking tape|fita isolante|fita adesiva|fita kapton|cinta aislante|cinta adhesiva|isolierband|klebeband)\b/,
    cls: "tape",
    confidence: 0.7,
  },
  {
    label: "solder paste",
    pattern:
      /\b(solder paste|pasta de solda|pasta para soldar|pasta de soldadura|lotpaste)\b|\bpaste\b.*\bsolder\b|\bsolder\b.*\bpaste\b/,
    cls: "solderPaste",
    confidence: 0.75,
  },
  {
    label: "flux-cored solder wire",
    pattern:
      /\b(solder wire|flux[- ]core[d]?|fio de solda|estanho em fio|alambre de soldadura|estano en hilo|lotdraht|rohrenlot)\b/,
    cls: "solderWire",
    confidence: 0.6,
  },
  {
    label: "O-ring",
    pattern: /\b(o-?rings?|o ring|anel de vedacao|aneis o-?ring|junta torica|anillo torico|o-ringe?)\b/,
    cls: "oRing",
    confidence: 0.75,
  },
  { label: "gasket", pattern: /\b(gasket|gaxeta|dichtung)\b/, cls: "gasket", confidence: 0.6 },
  {
    label: "heatsink",
    pattern: /\b(heat ?sinks?|dissipador(es)? (de calor)?|disipador(es)?|kuhlkorper)\b/,
    cls: "heatsink",
    confidence: 0.65,
  },
  {
    label: "pillow block bearing unit",
    pattern:
      /\b(pillow block|flange(d)? bearing unit|mancal com rolamento|unidade de mancal|soporte con rodamiento|stehlager|flanschlager)\b/,
    cls: "bearingUnit",
    confidence: 0.75,
  },
  {
    label: "needle bearing",
    pattern: /\b(needle (roller )?bearing|rolamento de agulhas|rodamiento de agujas|nadellager)\b/,
    cls: "bearingNeedle",
    confidence: 0.8,
  },
  {
    label: "tapered roller bearing",
    pattern:
      /\b(tapered roller bearing|rolamento de rolos conicos|rodamiento de rodillos conicos|kegelrollenlager)\b/,
    cls: "bearingTapered",
    confidence: 0.8,
  },
  {
    label: "cylindrical roller bearing",
    pattern:
      /\b(cylindrical roller bearing|rolamento de rolos cilindricos|rodamiento de rodillos cilindricos|zylinderrollenlager)\b/,
    cls: "bearingCylindrical",
    confidence: 0.8,
  },
  {
    label: "thrust/linear ball bearing",
    pattern:
      /\b(thrust ball bearing|linear (ball )?bearing|ball bushing|rolamento (axial|linear)|rodamiento (axial|lineal)|axial-?rillenkugellager|linearkugellager)\b/,
    cls: "bearingBallOther",
    confidence: 0.75,
  },
  {
    label: "ball bearing",
    pattern:
      /\b(ball bearings?|deep groove|bearings?|rolamentos?|rodamientos?|(rillen)?kugellager|walzlager)\b/,
    cls: "bearingBall",
    confidence: 0.75,
  },
];

const PROTECTION_AND_SWITCHING: Rule[] = [
  {
    label: "resettable PPTC fuse",
    pattern:
      /\b(ptc resettable|resettable fuses?|polyfuse|polyswitch|pptc|fusivel rearmavel|fusible (reajustable|rearmable)|ruckstellende sicherung|multifuse)\b/,
    cls: "pptc",
    confidence: 0.8,
  },
  {
    label: "fuse",
    pattern:
      /\b(fuses?|fusive(l|is)|fusibles?|schmelzsicherung(en)?|feinsicherung(en)?|sicherungseinsatz|kfz-sicherung)\b/,
    cls: "fuse",
    confidence: 0.8,
  },
  {
    label: "circuit breaker",
    pattern:
      /\b(circuit breakers?|disjuntor(es)?|interruptor(es)? (automatico|termomagnetico)s?|leitungsschutzschalter|leistungsschalter|mcb)\b/,
    cls: "breaker",
    confidence: 0.8,
  },
  {
    label: "gas discharge tube",
    pattern: /\b(gas discharge tube|gdt|centelhador|descargador de gas|gasableiter)\b/,
    cls: "gdt",
    confidence: 0.8,
  },
  {
    label: "surge protector",
    pattern:
      /\b(surge (protector|protection device|arrester|suppressor)|protetor de surto|dps|supresor de picos|uberspannungsschutz)\b/,
    cls: "surge",
    confidence: 0.65,
  },
  {
    label: "solid-state relay",
    pattern: /\b(solid[- ]state relays?|ssr|photomos|optomos|rele(s)? de estado solido|halbleiterrelais)\b/,
    cls: "relay",
    confidence: 0.6,
  },
  { label: "relay", pattern: /\b(relays?|reles?|relais)\b/, cls: "relay", confidence: 0.75 },
  {
    label: "rotary encoder",
    pattern:
      /\b(rotary encoders?|incremental encoder|encoder rotativo|codificador rotatorio|codificadores rotativos|drehgeber|drehimpulsgeber)\b/,
    cls: "encoder",
    confidence: 0.65,
  },
  {
    label: "switch",
    pattern:
      /\b(switch(es)?|tactile|tact switch|push ?buttons?|pushbuttons?|interruptor(es)?|chave (tactil|tatil|gangorra|alavanca|liga|seletora|dip|push|deslizante|fim de curso|micro)|botoes? (tacteis|tateis)|pulsador(es)?|microswitch(es)?|limit switch(es)?|schalter|taster|kippschalter|schiebeschalter|dip-?schalter)\b/,
    cls: "switch",
    confidence: 0.75,
  },
];

const ICS: Rule[] = [
  {
    // Digi-Key's Spanish catalogue renders "Chip Resistor" as "Resistencia en microprocesador".
    label: "chip resistor (ES catalogue wording)",
    pattern: /\bresistencias? en (microprocesador|chip)\b/,
    cls: "resistorSmd",
    confidence: 0.8,
  },
  {
    label: "driver / switch IC",
    pattern:
      /\b(led drivers?|driver de led|controlador(es)? de led|led-treiber|gate drivers?|motor drivers?|mosfet drivers?|relay drivers?|driver ic|load switch(es)?|analog switch(es)?|usb switch(es)?|power switch ic|high[- ]side switch|low[- ]side switch|switch ic|switching regulators?|switching controllers?)\b/,
    cls: "ic",
    confidence: 0.75,
  },
  {
    label: "wireless module",
    pattern:
      /\b((wi-?fi|bluetooth|ble|lora|zigbee|gsm|lte|nb-iot|gnss|gps|rf|802\.15\.4|transceiver) (module|modulo|modul)|modulo (wi-?fi|bluetooth|lora|gsm|rf)|802\.11)\b/,
    cls: "wirelessModule",
    confidence: 0.65,
  },
  {
    label: "memory card",
    pattern: /\b(memory cards?|micro ?sd card|sd card|cartao de memoria|tarjeta de memoria|speicherkarte)\b/,
    cls: "memoryCard",
    confidence: 0.75,
  },
  {
    label: "memory module",
    pattern: /\b(memory module|so-?dimm module|dimm module|modulo de memoria|speichermodul)\b/,
    cls: "memoryModule",
    confidence: 0.7,
  },
  {
    label: "microcontroller/processor",
    pattern:
      /\b(microcontrollers?|mcu|microcontrolador(es)?|mikrocontroller|microprocessors?|microprocessador(es)?|microprocesador(es)?|mikroprozessor|mpu|dsp|digital signal processor|system on chip|soc)\b/,
    cls: "mcu",
    confidence: 0.8,
  },
  {
    label: "DRAM",
    pattern: /\b(dram|sdram|ddr[2-5]?|lpddr\d?)\b/,
    cls: "dram",
    confidence: 0.75,
  },
  {
    label: "memory IC",
    pattern:
      /\b(flash memory|nor flash|nand flash|eeprom|eprom|sram|fram|memoria flash|memoria (ic|eeprom)|speicher-?ic|serial flash|memory ic|memory)\b/,
    cls: "memory",
    confidence: 0.75,
  },
  {
    label: "operational amplifier",
    pattern:
      /\b(operational amplifiers?|op-?amps?|amplificador(es)? operaciona(l|is|les)|operationsverstarker|instrumentation amplifiers?|current sense amplifiers?|rail[- ]to[- ]rail|riel a riel|trilho a trilho|differential amplifiers?|amplificadores? de proposito general)\b/,
    cls: "amplifierIc",
    confidence: 0.8,
  },
  {
    label: "digital isolator",
    pattern: /\b(digital isolators?|aisladores? digita(l|les)|isoladores? digita(l|is)|digitale? isolator)\b/,
    cls: "ic",
    confidence: 0.8,
  },
];

const SEMICONDUCTORS: Rule[] = [
  {
    label: "optocoupler / photodetector",
    pattern:
      /\b(optocouplers?|opto-?isolators?|optoisoladores?|optoaisladores?|optoacopladores?|optokoppler|photo-?couplers?|phototransistors?|fototransistor(es)?|photodiodes?|fotodiodos?|fotodiode|photo ?interrupters?|light sensors?|ambient light sensor)\b/,
    cls: "photo",
    confidence: 0.8,
  },
  {
    label: "solar panel",
    pattern:
      /\b(solar panels?|solar modules?|pv modules?|painel solar|paineis solares|modulo fotovoltaico|panel solar|solarmodul)\b/,
    cls: "solarModule",
    confidence: 0.75,
  },
  {
    label: "solar cell",
    pattern: /\b(solar cells?|celula solar|celulas solares|solarzelle)\b/,
    cls: "solarCell",
    confidence: 0.7,
  },
  {
    label: "laser diode",
    pattern: /\b(laser diodes?|diodo laser|laserdiode)\b/,
    cls: "laserDiode",
    confidence: 0.8,
  },
  {
    label: "LED display",
    pattern:
      /\b(7-segment|seven[- ]segment|7 segmentos|led display|display de led|dot matrix|7-segment-anzeige)\b/,
    cls: "ledDisplay",
    confidence: 0.75,
  },
  { label: "OLED display module", pattern: /\b(oled)\b/, cls: "oledModule", confidence: 0.65 },
  {
    label: "LCD display module",
    pattern:
      /\b(lcd|tft|liquid crystal|cristal liquido|cristales liquidos|display modules?|modulo (de )?display|pantalla lcd)\b/,
    cls: "lcdModule",
    confidence: 0.6,
  },
  {
    label: "LED lamp",
    pattern: /\b(led (lamp|bulb|tube)s?|lampada(s)? (de )?led|bombilla led|led-lampe)\b/,
    cls: "ledLamp",
    confidence: 0.7,
  },
  {
    label: "LED module/strip",
    pattern: /\b(led (module|strip|bar)s?|fita de led|modulo de led|tira de led|led-streifen)\b/,
    cls: "ledModule",
    confidence: 0.65,
  },
  {
    label: "LED",
    pattern:
      /\b(leds?|light emitting diodes?|diodos? emissor(es)? de luz|diodos? emisor(es)? de luz|leuchtdioden?)\b/,
    cls: "led",
    confidence: 0.8,
  },
  { label: "zener diode", pattern: /\b(zener|z-diode)\b/, cls: "zener", confidence: 0.8 },
  {
    label: "TVS / ESD protection diode",
    pattern:
      /\b(tvs|transient voltage suppressors?|esd (protection|suppressors?)|supresor(es)? de voltaje|supressor(es)? de tensao|suppressordiode)\b/,
    cls: "tvs",
    confidence: 0.8,
  },
  {
    label: "diode / rectifier",
    pattern:
      /\b(diodes?|diodos?|dioden?|rectifiers?|retificador(es)?|rectificador(es)?|gleichrichter|schottky|bridge rectifier)\b/,
    cls: "diode",
    confidence: 0.8,
  },
  {
    label: "thyristor / TRIAC",
    pattern: /\b(thyristors?|tiristor(es)?|scr|triacs?|diacs?)\b/,
    cls: "thyristor",
    confidence: 0.75,
  },
  {
    label: "transistor",
    pattern: /\b(trans (npn|pnp)|transistors?|transistores?|bjt|mosfets?|igbts?|jfets?|fets?)\b/,
    cls: "transistorSmall",
    confidence: 0.75,
  },
  {
    label: "quartz crystal",
    pattern: /\b(crystals?|cristal(es)? (de quartzo|de cuarzo|oscilador)?|cristal|quarz(e)?|quartz|xtal)\b/,
    cls: "crystal",
    confidence: 0.75,
  },
  {
    label: "resonator",
    pattern: /\b(resonators?|ressonador(es)?|resonador(es)?|resonator(en)?)\b/,
    cls: "resonator",
    confidence: 0.7,
  },
  {
    label: "oscillator",
    pattern: /\b(oscillators?|osciladores?|oszillator(en)?)\b/,
    cls: "crystal",
    confidence: 0.6,
  },
];

const GENERIC_ICS: Rule[] = [
  {
    label: "integrated circuit (function named)",
    pattern:
      /\b(integrated circuits?|circuitos? integrados?|ic|pmic|voltage regulators?|regulador(es)? de (tensao|voltaje|voltagem)|reguladores? lineal(es)?|spannungsregler|ldo|voltage references?|referencia de (voltaje|tensao)|switching regulators?|buck (converter|regulator) ic|logic gates?|flip-?flops?|multiplexers?|shift registers?|transceivers?|interface ic|level (shifter|translator)s?|traductores?|comparators?|comparador(es)?|adc|dac|analog[- ]to[- ]digital|digital[- ]to[- ]analog|convertidor de bits|real[- ]time clock|rtc|supervisor|timer ic|fpga|cpld|load switch|analog switch|usb switch|redriver|uart|usb bridge|temperature sensor ic|driver)\b/,
    cls: "ic",
    confidence: 0.7,
  },
  {
    label: "amplifier",
    pattern: /\b(amplifiers?|amplificador(es)?|verstarker)\b/,
    cls: "amplifierIc",
    confidence: 0.55,
  },
];

const POWER_AND_MAGNETICS: Rule[] = [
  {
    label: "battery charger",
    pattern: /\b(battery chargers?|carregador(es)? de bateria|cargador(es)? de baterias?|ladegerat)\b/,
    cls: "charger",
    confidence: 0.7,
  },
  {
    label: "DC/DC converter",
    pattern:
      /\b(dc[/-]?dc|cc[/-]cc|dc\/dc-wandler|dc-dc-wandler|conversor(es)? cc|convertidor(es)? cc|point of load|pol module)\b/,
    cls: "dcdc",
    confidence: 0.7,
  },
  {
    label: "power supply",
    pattern:
      /\b(power supply|power supplies|ac[/-]?dc|fonte de alimentacao|fontes? chaveadas?|fuente de alimentacion|fuentes de alimentacion|netzteil|stromversorgung|psu|adaptador ac)\b/,
    cls: "powerSupply",
    confidence: 0.7,
  },
  {
    label: "transformer",
    pattern: /\b(transformers?|transformador(es)?|transformator(en)?|ubertrager)\b/,
    cls: "transformerSmall",
    confidence: 0.6,
  },
  {
    label: "inductor / ferrite",
    pattern:
      /\b(fixed ind|inductors?|indutor(es)?|inductor(es)?|inductancias?|indutancias?|induktivitat(en)?|drossel(n)?|speicherdrossel|chokes?|ferrite beads?|ferrite chips?|perlas? de ferrita|contas? de ferrite|ferritperle|common mode chokes?|power inductors?|bobinas? de choque|emi filter bead)\b/,
    cls: "inductor",
    confidence: 0.75,
  },
];

const PASSIVES: Rule[] = [
  {
    label: "multilayer ceramic capacitor",
    pattern: new RegExp(
      `\\b(mlcc|cap cer|multilayer ceramic|multi-layer ceramic|ceramic (chip )?${CAP}|${CAP} (de )?(chip )?ceramic(o|os|a|as)?( multicamadas?)?|keramik-?kondensator(en)?|vielschicht-?keramik\\w*|c0g|np0|x7r|x5r|x7s|x6s|y5v)\\b`,
    ),
    cls: "mlcc",
    confidence: 0.8,
  },
  {
    label: "tantalum capacitor",
    pattern: /\b(tantalum|tantalo|tantal|cap tant)\b/,
    cls: "tantalum",
    confidence: 0.8,
  },
  {
    label: "aluminium electrolytic capacitor",
    pattern: new RegExp(
      `\\b(cap alum|alumin(i)?um (electrolytic|polymer)|electrolytic ${CAP}|${CAP} (electroliticos?|eletroliticos?)( de aluminio)?|eletroliticos?|electroliticos?|elektrolyt-?kondensator(en)?|elko|aluminium-elektrolyt\\w*|alu-elko)\\b`,
    ),
    cls: "aluminiumElectrolytic",
    confidence: 0.8,
  },
  {
    label: "film capacitor",
    pattern: new RegExp(
      `\\b(cap film|film ${CAP}|${CAP} de (filme|pelicula|poliester|polipropileno)|polyester|polypropylene|polipropileno|poliester|folienkondensator(en)?|mkp|mkt|pps film)\\b`,
    ),
    cls: "film",
    confidence: 0.75,
  },
  {
    label: "trimmer/variable capacitor",
    pattern: new RegExp(
      `\\b(trimmer ${CAP}|variable ${CAP}|${CAP} (variavel|variable|ajustavel|ajustable)|trimmkondensator|drehkondensator)\\b`,
    ),
    cls: "capacitorVariable",
    confidence: 0.75,
  },
  {
    label: "supercapacitor",
    pattern:
      /\b(super-?capacitors?|ultra-?capacitors?|edlc|double[- ]layer|supercondensador(es)?|supercapacitor(es)?|doppelschicht)\b/,
    cls: "capacitorOther",
    confidence: 0.6,
  },
  {
    label: "capacitor",
    pattern: /\b(capacitors?|capacitores?|condensador(es)?|kondensator(en)?|capacitancia)\b/,
    cls: "capacitorOther",
    confidence: 0.6,
    generic: true,
  },
  {
    label: "heating resistor",
    pattern:
      /\b(heating (element|resistor)|resistencia de aquecimento|resistencia calefactora|heizwiderstand)\b/,
    cls: "resistorWirewound",
    confidence: 0.4,
  },
  {
    label: "thermistor",
    pattern: /\b(thermistors?|termistor(es)?|ntc|ptc thermistor|heissleiter|kaltleiter)\b/,
    cls: "thermistor",
    confidence: 0.8,
  },
  {
    label: "varistor",
    pattern: /\b(varistors?|varistor(es)?|mov|metal oxide varistor)\b/,
    cls: "varistor",
    confidence: 0.8,
  },
  {
    label: "wirewound potentiometer",
    pattern:
      /\b(wire ?wound|de fio|bobinado|draht)\b.*\b(potentiometers?|potenciometros?|rheostats?|reostatos?)\b/,
    cls: "potentiometerWirewound",
    confidence: 0.75,
  },
  {
    label: "potentiometer / trimmer",
    pattern:
      /\b(potentiometers?|potenciometros?|trimmer|trimpot|rheostats?|reostatos?|trimmpotentiometer|variable resistors?|resistores? variave(l|is)|resistencias? variables?)\b/,
    cls: "potentiometer",
    confidence: 0.75,
  },
  {
    label: "wirewound resistor",
    pattern:
      /\b(wire ?wound|resistor(es)? de fio|resistencias? bobinadas?|drahtwiderstand|drahtwiderstande)\b/,
    cls: "resistorWirewound",
    confidence: 0.75,
  },
  {
    label: "carbon resistor",
    pattern:
      /\b(carbon (film|composition)|pelicula de carbon|filme de carbono|pelicula de carbono|kohleschicht\w*)\b/,
    cls: "resistorCarbon",
    confidence: 0.75,
  },
  {
    label: "chip / film resistor",
    pattern:
      /\b(res smd|res chip|chip resistors?|thick film|thin film|resistor(es)? smd|resistencias? smd|resistencias? en microprocesador|resistor(es)? de filme (espesso|fino)|pelicula (gruesa|delgada)|chip-widerstand|chipwiderstande?|dickschicht\w*|dunnschicht\w*|current sense resistors?|shunt resistors?|resistor arrays?|resistor networks?|redes de resistencias)\b/,
    cls: "resistorSmd",
    confidence: 0.8,
  },
  {
    label: "metal film resistor",
    pattern:
      /\b(metal film|metal oxide|pelicula metalica|filme metalico|oxido metalico|metallschicht\w*|metalloxid\w*)\b/,
    cls: "resistorFilmTht",
    confidence: 0.75,
  },
  {
    label: "resistor",
    pattern:
      /\b(res|resistors?|resistor(es)?|resistencias?|resistencia|widerstand|widerstande|jumper chip)\b/,
    cls: "resistorGeneric",
    confidence: 0.65,
    generic: true,
  },
];

const CONNECTORS_AND_CABLES: Rule[] = [
  {
    label: "terminal block",
    pattern:
      /\b(terminal blocks?|term blk|terminal blk|terminal strips?|screw terminals?|barrier strips?|din rail terminals?|bornes?|borneiras?|regua de bornes|barra de bornes|bloques? de terminales|conector(es)? borne|terminal de parafuso|bornes de tornillo|reihenklemmen?|klemmenblock|klemmleiste|anschlussklemmen?|schraubklemmen?|leiterplattenklemmen?|lever (connector|nut)s?|splicing connectors?|push-in (wire )?connectors?|wire nuts?)\b/,
    cls: "terminalBlock",
    confidence: 0.8,
  },
  {
    label: "flat cable connector",
    pattern:
      /\b(ffc|fpc|flat flex\w*|idc|ribbon cable connectors?|conector(es)? (ffc|fpc|flat|idc)|flachbandkabel-?stecker|zif connector)\b/,
    cls: "flatCableConnector",
    confidence: 0.75,
  },
  {
    label: "fiber-optic connector",
    pattern:
      /\b(fib(er|re)[- ]optic connectors?|conector(es)? (de fibra )?optico|conector(es)? de fibra|lwl-stecker)\b/,
    cls: "fiberConnector",
    confidence: 0.75,
  },
  {
    label: "crimp terminal / contact",
    pattern:
      /\b(crimp (terminals?|contacts?|pins?|sockets?)|ring terminals?|spade terminals?|fork terminals?|quick disconnects?|faston|wire ferrules?|ferrules?|ponteiras?|terminal(es)? (de compressao|tubular|olhal|forquilha|pre-?isolado)|terminal(s|es)?|contacts?|contactos?|contatos?|pogo pins?|spring contacts?|crimpkontakt\w*|aderendhulsen?|kabelschuhe?|test points?|punto de prueba|ponto de teste|turret)\b/,
    cls: "connectingOther",
    confidence: 0.7,
  },
  {
    label: "coaxial/RF connector",
    pattern:
      /\b(coaxial connectors?|rf connectors?|conector(es)? (coaxial|rf)|sma (connector|jack|plug|female|male|edge|straight|right)|bnc|u\.fl|w\.fl|mmcx|mhf|ipex|tnc|n-type|koaxialstecker|koaxialbuchse)\b/,
    cls: "plugSocket",
    confidence: 0.75,
  },
  {
    label: "PCB connector (header)",
    pattern:
      /\b(pin headers?|headers?|hdr|conn (header|hdr|socket strip)|barra de pinos|socket strips?|board[- ]to[- ]board|wire[- ]to[- ]board|conector(es)? (para|de) (placa|pci|circuito impresso)|pcb connectors?|cabezal(es)? de conector|cabezales|conector de cabezal|stiftleisten?|buchsenleisten?|platinensteckverbinder|leiterplattensteckverbinder|headers & wire housings)\b/,
    cls: "pcbConnector",
    confidence: 0.75,
  },
  {
    label: "plug / jack / socket",
    pattern:
      /\b(conn (rcpt|receptacle|plug|jack|usb|rf|sma|bnc|dsub|d-sub|circular)|rj-?45|rj-?11|rj-?12|modular jacks?|usb[- ]?(type[- ]?)?[abc]?\s?(connectors?|receptacles?|plugs?|sockets?|jacks?)|usb-c|type-c (receptacle|connector)|hdmi (connector|receptacle)|d-?sub|dsub|db-?9|db-?25|de-?9|audio jacks?|phone jacks?|jack telefonico|dc (power )?jacks?|barrel jacks?|power jacks?|conector(es)? (dc|p4|usb|rj45)|banana (jack|plug)s?|xlr|circular connectors?|conector(es)? circular(es)?|m12 connectors?|plugs?|jacks?|receptacles?|tomadas?|enchufes?|stecker|steckdosen?|buchsen?|clavijas?)\b/,
    cls: "plugSocket",
    confidence: 0.7,
  },
  {
    label: "connector housing",
    pattern:
      /\b(housings?|alojamientos?|carcaca(s)? de conector|steckergehause)\b.*\b(connectors?|conector(es)?|receptacles?|receptaculos?|plugs?|crimp)\b|\b(connectors?|conector(es)?|receptacles?|receptaculos?)\b.*\b(housings?|alojamientos?)\b/,
    cls: "connectingOther",
    confidence: 0.65,
  },
  {
    label: "connector",
    pattern:
      /\b(conn|connectors?|conector(es)?|conectores|steckverbinder|verbinder|connecteurs?|sockets?|soquetes?|zocalos?)\b/,
    cls: "connectorGeneric",
    confidence: 0.6,
    generic: true,
  },
  {
    label: "coaxial cable",
    pattern:
      /\b(coaxial cables?|coax cables?|cabos? coaxia(l|is)|cables? coaxia(l|les)|koaxialkabel|rg-?(58|59|174|178|316|213|6))\b/,
    cls: "coax",
    confidence: 0.8,
  },
  {
    label: "fiber-optic cable",
    pattern:
      /\b(fib(er|re)[- ]optic cables?|optical fib(er|re) cables?|cabos? (de fibra )?optic(o|os)|cables? de fibra optica|lwl-kabel|glasfaserkabel)\b/,
    cls: "fiberCable",
    confidence: 0.75,
  },
  {
    label: "magnet wire",
    pattern:
      /\b(magnet wire|enamel(l)?ed (copper )?wire|fio esmaltado|alambre esmaltado|kupferlackdraht|lackdraht)\b/,
    cls: "magnetWire",
    confidence: 0.8,
  },
  {
    label: "cable assembly",
    pattern:
      /\b(cable assembl(y|ies)|jumper (wires?|cables?)|patch (cords?|cables?)|(usb|hdmi|ethernet|displayport|sata|audio|rf) cables?|cabos? (usb|hdmi|de rede|de forca|com conectores?)|cables? (usb|hdmi|de red|con conectores?)|power cords?|cabo de alimentacao|cables? de alimentacion|netzkabel|kabelkonfektion\w*|dupont|pigtail)\b/,
    cls: "cableAssembly",
    confidence: 0.75,
  },
  {
    label: "wire / cable",
    pattern:
      /\b(hook-?up wire|wires?|cables?|cabos?|fios?|alambres?|kabel|litze|leitung(en)?|ribbon cable|flat cable|cabo (flat|manga)|multicore|awg)\b/,
    cls: "wire",
    confidence: 0.6,
    generic: true,
  },
];

const OTHER_ELECTRICAL: Rule[] = [
  {
    label: "lithium primary cell",
    pattern:
      /\b(lithium (coin|button|primary)|coin cells?|button cells?|bateria de litio|pila de litio|pilha de litio|knopfzelle|lithium-knopfzelle|cr2032|cr2025|cr1220)\b/,
    cls: "batteryLithium",
    confidence: 0.8,
  },
  {
    label: "Li-ion battery",
    pattern:
      /\b(li-?ion|lithium[- ]ion|li-?po(ly)?|lithium polymer|ion de litio|ions? de litio|lithium-ionen|18650|21700)\b/,
    cls: "batteryLiIon",
    confidence: 0.8,
  },
  {
    label: "NiMH battery",
    pattern: /\b(ni-?mh|nickel[- ]metal hydride|niquel-?metal|nimh-akku)\b/,
    cls: "batteryNimh",
    confidence: 0.8,
  },
  {
    label: "alkaline battery",
    pattern: /\b(alkaline|alcalinas?|alkali-?mangan|alkaline battery)\b/,
    cls: "batteryAlkaline",
    confidence: 0.7,
  },
  {
    label: "buzzer / siren",
    pattern:
      /\b(buzzers?|beepers?|sirens?|sirenes?|campainhas?|zumbador(es)?|summer|piezo (transducer|sounder)|sounders?)\b/,
    cls: "buzzer",
    confidence: 0.75,
  },
  {
    label: "microphone",
    pattern: /\b(microphones?|microfones?|microfonos?|mikrofon(e)?|mems mic)\b/,
    cls: "microphone",
    confidence: 0.75,
  },
  {
    label: "speaker",
    pattern: /\b(speakers?|loudspeakers?|alto-?falantes?|altavoces?|altavoz|lautsprecher)\b/,
    cls: "speaker",
    confidence: 0.75,
  },
  {
    label: "fan",
    pattern: /\b(fans?|ventoinhas?|ventiladores?|ventilador|lufter|axial fan|blower)\b/,
    cls: "fan",
    confidence: 0.65,
  },
  {
    label: "stepper motor",
    pattern:
      /\b(stepper motors?|stepping motors?|motor(es)? de passo|motor(es)? paso a paso|schrittmotor(en)?)\b/,
    cls: "stepper",
    confidence: 0.7,
  },
  {
    label: "DC motor",
    pattern:
      /\b(dc motors?|gear motors?|motor(es)? (cc|dc)|micro ?motor(es)?|gleichstrommotor(en)?|vibration motors?)\b/,
    cls: "motorDc",
    confidence: 0.65,
  },
  { label: "antenna", pattern: /\b(antennas?|antenas?|antenne(n)?)\b/, cls: "antenna", confidence: 0.65 },
  {
    label: "plastic tubing",
    pattern: /\b(tubing|tubo (flexivel|plastico|de silicone|de pvc)|mangueiras?|mangueras?|schlauch)\b/,
    cls: "plasticTube",
    confidence: 0.55,
  },
];

const FASTENERS: Rule[] = [
  {
    label: "standoff / spacer",
    pattern:
      /\b(standoffs?|spacers?|espacador(es)?|separador(es)?|distanciador(es)?|abstandsbolzen|abstandshalter|distanzbolzen|distanzhulse)\b/,
    cls: "standoff",
    confidence: 0.7,
  },
  {
    label: "self-tapping screw",
    pattern:
      /\b(self[- ]tapping|self[- ]drilling|thread[- ]forming|autoatarraxantes?|autoperfurantes?|autorroscantes?|autoperforantes?|blechschraube\w*|bohrschraube\w*)\b/,
    cls: "selfTappingScrew",
    confidence: 0.8,
  },
  {
    label: "wood screw",
    pattern: /\b(wood screws?|parafusos? (para|de) madeira|tornillos? (para|de) madera|holzschraube\w*)\b/,
    cls: "woodScrew",
    confidence: 0.8,
  },
  {
    label: "lock washer",
    pattern:
      /\b(lock ?washers?|spring washers?|split washers?|arruelas? de pressao|arandelas? de presion|federring\w*|sicherungsscheibe\w*)\b/,
    cls: "lockWasher",
    confidence: 0.8,
  },
  {
    label: "washer",
    pattern: /\b(washers?|arruelas?|arandelas?|unterlegscheibe\w*|scheiben)\b/,
    cls: "washer",
    confidence: 0.75,
  },
  {
    label: "nut",
    pattern: /\b(nuts?|hex nuts?|porcas?|tuercas?|mutter|muttern|sechskantmutter\w*)\b/,
    cls: "nut",
    confidence: 0.75,
  },
  {
    label: "rivet",
    pattern: /\b(rivets?|rebites?|remaches?|niete(n)?|blindniete(n)?)\b/,
    cls: "rivet",
    confidence: 0.75,
  },
  {
    label: "spring",
    pattern:
      /\b(compression springs?|extension springs?|coil springs?|springs?|molas?|resortes?|druckfeder(n)?|zugfeder(n)?)\b/,
    cls: "spring",
    confidence: 0.65,
  },
  {
    label: "screw / bolt",
    pattern:
      /\b(screws?|bolts?|cap screws?|machine screws?|parafusos?|tornillos?|pernos?|schraube(n)?|zylinderschraube\w*|sechskantschraube\w*)\b|\bm(1\.6|2|2\.5|3|4|5|6|8|10|12)\s?x\s?\d/,
    cls: "screw",
    confidence: 0.75,
  },
];

// Last resort: Digi-Key style "<pins>-<package>" (14-SOIC, 8-DIP, 12-X2QFN) is how ICs are listed.
const PACKAGE_ONLY: Rule[] = [
  {
    label: "IC package designation",
    pattern:
      /\b\d{1,3}-(soic|tssop|ssop|msop|[a-z]?qfn|[a-z]?dfn|son|lqfp|tqfp|qfp|bga|[a-z]?bga|dip|pdip|cdip|sip|plcc|wlcsp|dsbga|x2qfn|sot-?23|sot-?223|sc-?70|to-?263|to-?220)\b/,
    cls: "ic",
    confidence: 0.6,
    generic: true,
  },
];

export const KEYWORD_RULES: readonly Rule[] = [
  ...ASSEMBLIES,
  ...HOLDERS_AND_SOCKETS,
  ...PLASTICS_AND_MECHANICAL,
  ...ICS,
  ...PROTECTION_AND_SWITCHING,
  ...SEMICONDUCTORS,
  ...GENERIC_ICS,
  ...POWER_AND_MAGNETICS,
  ...PASSIVES,
  ...CONNECTORS_AND_CABLES,
  ...OTHER_ELECTRICAL,
  ...FASTENERS,
  ...PACKAGE_ONLY,
];
