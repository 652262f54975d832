import type { PartContext, Variant } from "./types";

/**
 * The product classes the rules can name, each with its default NCM and the variants that the
 * NCM's own subdivisions call for (SMD vs through-hole, power <= 20 W, current <= 3 A, ...).
 * Families and keywords point at these classes, so the two kinds of evidence agree on a code.
 */
export interface ProductClass {
  ncm: string;
  description: string;
  variants?: Variant[];
}

const tht = (c: PartContext) => c.tht && !c.smd;
const over3A = (c: PartContext) => c.amps !== null && c.amps > 3;

const CLASS_TABLE = {
  // 85.32 capacitors
  mlcc: {
    ncm: "85322410",
    description: "Capacitor cerâmico multicamada (MLCC), SMD",
    variants: [{ when: tht, ncm: "85322420", description: "Capacitor cerâmico multicamada, PTH" }],
  },
  ceramicDisc: {
    ncm: "85322390",
    description: "Capacitor cerâmico de uma só camada (disco)",
    variants: [{ when: (c) => c.smd, ncm: "85322310" }],
  },
  tantalum: {
    ncm: "85322111",
    description: "Capacitor de tântalo, SMD",
    variants: [
      { when: tht, ncm: "85322120", description: "Capacitor de tântalo, PTH" },
      { when: (c) => c.volts !== null && c.volts > 125, ncm: "85322119" },
    ],
  },
  aluminiumElectrolytic: { ncm: "85322200", description: "Capacitor eletrolítico de alumínio" },
  film: {
    ncm: "85322590",
    description: "Capacitor de filme plástico",
    variants: [
      { when: (c) => c.smd && !c.tht, ncm: "85322510", description: "Capacitor de filme plástico, SMD" },
    ],
  },
  capacitorOther: {
    ncm: "85322990",
    description: "Capacitor fixo (outros)",
    variants: [{ when: (c) => c.smd && !c.tht, ncm: "85322910" }],
  },
  capacitorVariable: {
    ncm: "85323090",
    description: "Capacitor variável ou ajustável (trimmer)",
    variants: [{ when: (c) => c.smd && !c.tht, ncm: "85323010" }],
  },
  // 85.33 resistors
  resistorSmd: {
    ncm: "85332120",
    description: "Resistor fixo de filme, SMD (chip), potência <= 20 W",
    variants: [
      {
        when: (c) => c.watts !== null && c.watts > 20,
        ncm: "85332900",
        description: "Resistor fixo, potência > 20 W",
      },
      { when: tht, ncm: "85332190", description: "Resistor fixo de filme, PTH, potência <= 20 W" },
    ],
  },
  resistorFilmTht: {
    ncm: "85332190",
    description: "Resistor fixo de filme metálico, PTH, potência <= 20 W",
    variants: [
      {
        when: (c) => c.watts !== null && c.watts > 20,
        ncm: "85332900",
        description: "Resistor fixo, potência > 20 W",
      },
      {
        when: (c) => c.smd && !c.tht,
        ncm: "85332120",
        description: "Resistor fixo de filme, SMD (MELF/chip)",
      },
    ],
  },
  resistorCarbon: { ncm: "85331000", description: "Resistor fixo de carbono (filme ou aglomerado)" },
  resistorWirewound: {
    ncm: "85332110",
    description: "Resistor fixo de fio, potência <= 20 W",
    variants: [
      {
        when: (c) => c.watts !== null && c.watts > 20,
        ncm: "85332900",
        description: "Resistor fixo, potência > 20 W",
      },
    ],
  },
  resistorGeneric: {
    ncm: "85332190",
    description: "Resistor fixo, potência <= 20 W",
    variants: [
      {
        when: (c) => c.watts !== null && c.watts > 20,
        ncm: "85332900",
        description: "Resistor fixo, potência > 20 W",
      },
      { when: (c) => c.smd && !c.tht, ncm: "85332120", description: "Resistor fixo, SMD, potência <= 20 W" },
    ],
  },
  potentiometer: {
    ncm: "85334099",
    description: "Potenciômetro / resistor variável (trimpot)",
    variants: [{ when: (c) => /\bcarbon|carbono|carbon\b/.test(c.text), ncm: "85334092" }],
  },
  potentiometerWirewound: { ncm: "85333110", description: "Potenciômetro de fio, potência <= 20 W" },
  thermistor: { ncm: "85334011", description: "Termistor (NTC/PTC)" },
  varistor: {
    ncm: "85334012",
    description: "Varistor, tensão <= 1.000 V",
    variants: [{ when: (c) => c.volts !== null && c.volts > 1000, ncm: "85334013" }],
  },
  pptc: { ncm: "85334099", description: "Fusível rearmável PPTC (resistor não linear de polímero)" },
  // 85.04 inductive components and converters
  inductor: { ncm: "85045010", description: "Indutor / ferrite bead / choke, pequeno (PCB)" },
  transformerSmall: {
    ncm: "85043193",
    description: "Transformador de pequeno porte para PCB, potência <= 1 kVA",
  },
  dcdc: { ncm: "85044030", description: "Conversor CC/CC (DC/DC)" },
  powerSupply: { ncm: "85044090", description: "Fonte de alimentação / conversor estático" },
  charger: { ncm: "85044010", description: "Carregador de acumuladores" },
  // 85.41 discrete semiconductors
  diode: {
    ncm: "85411022",
    description: "Diodo semicondutor, SMD, corrente <= 3 A",
    variants: [
      {
        when: (c) => tht(c) && over3A(c),
        ncm: "85411039",
        description: "Diodo semicondutor, PTH, corrente > 3 A",
      },
      { when: tht, ncm: "85411032", description: "Diodo semicondutor, PTH, corrente <= 3 A" },
      { when: over3A, ncm: "85411029", description: "Diodo semicondutor, SMD, corrente > 3 A" },
    ],
  },
  diodeTht: {
    ncm: "85411032",
    description: "Diodo semicondutor, PTH, corrente <= 3 A",
    variants: [
      {
        when: (c) => c.smd && !c.tht,
        ncm: "85411022",
        description: "Diodo semicondutor, SMD, corrente <= 3 A",
      },
      { when: over3A, ncm: "85411039", description: "Diodo semicondutor, PTH, corrente > 3 A" },
    ],
  },
  zener: {
    ncm: "85411021",
    description: "Diodo Zener, SMD",
    variants: [{ when: tht, ncm: "85411031", description: "Diodo Zener, PTH" }],
  },
  zenerTht: {
    ncm: "85411031",
    description: "Diodo Zener, PTH",
    variants: [{ when: (c) => c.smd && !c.tht, ncm: "85411021", description: "Diodo Zener, SMD" }],
  },
  tvs: {
    ncm: "85411029",
    description: "Diodo supressor de transientes (TVS/ESD), SMD",
    variants: [{ when: tht, ncm: "85411039", description: "Diodo supressor de transientes (TVS), PTH" }],
  },
  transistorSmall: {
    ncm: "85412120",
    description: "Transistor, dissipação < 1 W, SMD",
    variants: [
      {
        when: (c) => c.watts !== null && c.watts >= 1,
        ncm: "85412920",
        description: "Transistor de potência (>= 1 W)",
      },
      { when: tht, ncm: "85412199", description: "Transistor, dissipação < 1 W, PTH" },
    ],
  },
  transistorSmallTht: {
    ncm: "85412199",
    description: "Transistor, dissipação < 1 W, PTH",
    variants: [
      {
        when: (c) => c.watts !== null && c.watts >= 1,
        ncm: "85412920",
        description: "Transistor de potência (>= 1 W)",
      },
      { when: (c) => c.smd && !c.tht, ncm: "85412120", description: "Transistor, dissipação < 1 W, SMD" },
    ],
  },
  transistorPower: { ncm: "85412920", description: "Transistor de potência (dissipação >= 1 W), montado" },
  thyristor: {
    ncm: "85413029",
    description: "Tiristor / TRIAC, montado, corrente > 3 A",
    variants: [{ when: (c) => c.amps !== null && c.amps <= 3, ncm: "85413021" }],
  },
  led: {
    ncm: "85414121",
    description: "Diodo emissor de luz (LED), SMD",
    variants: [{ when: tht, ncm: "85414122", description: "Diodo emissor de luz (LED), PTH" }],
  },
  ledTht: {
    ncm: "85414122",
    description: "Diodo emissor de luz (LED), PTH",
    variants: [
      { when: (c) => c.smd && !c.tht, ncm: "85414121", description: "Diodo emissor de luz (LED), SMD" },
    ],
  },
  laserDiode: { ncm: "85414124", description: "Diodo laser" },
  photo: {
    ncm: "85414900",
    description: "Dispositivo fotossensível semicondutor (optoacoplador, fotodiodo, photoMOS)",
  },
  solarCell: { ncm: "85414220", description: "Célula solar não montada em módulo" },
  solarModule: { ncm: "85414300", description: "Módulo / painel fotovoltaico" },
  crystal: {
    ncm: "85416010",
    description: "Cristal piezelétrico de quartzo montado, 1-100 MHz",
    variants: [{ when: (c) => c.khz, ncm: "85416090", description: "Cristal piezelétrico montado (kHz)" }],
  },
  resonator: { ncm: "85416090", description: "Ressonador / cristal piezelétrico montado (outros)" },
  // 85.42 integrated circuits
  mcu: {
    ncm: "85423120",
    description: "Circuito integrado processador/microcontrolador, SMD",
    variants: [
      { when: tht, ncm: "85423190", description: "Circuito integrado processador/microcontrolador, PTH" },
    ],
  },
  memory: {
    ncm: "85423221",
    description: "Circuito integrado de memória (FLASH/EEPROM/SRAM), SMD",
    variants: [
      { when: tht, ncm: "85423291", description: "Circuito integrado de memória (FLASH/EEPROM/SRAM), PTH" },
    ],
  },
  dram: {
    ncm: "85423229",
    description: "Circuito integrado de memória DRAM, SMD",
    variants: [{ when: tht, ncm: "85423299" }],
  },
  amplifierIc: { ncm: "85423390", description: "Circuito integrado amplificador (amplificador operacional)" },
  ic: {
    ncm: "85423939",
    description: "Circuito integrado eletrônico (lógica, regulador, interface), SMD",
    variants: [{ when: tht, ncm: "85423999", description: "Circuito integrado eletrônico, PTH" }],
  },
  // 85.36 switching / connecting apparatus (<= 1.000 V)
  fuse: { ncm: "85361000", description: "Fusível" },
  breaker: { ncm: "85362000", description: "Disjuntor" },
  gdt: { ncm: "85363010", description: "Centelhador a gás (GDT)" },
  surge: { ncm: "85363090", description: "Dispositivo de proteção de circuito (supressor de surtos)" },
  relay: {
    ncm: "85364100",
    description: "Relé, tensão <= 60 V",
    variants: [
      {
        // PCB photoMOS/optoMOS "relays" are optically coupled MOSFETs: photosensitive semiconductors
        when: (c) => /\b(photomos|optomos|pcb mount|mosfet output|optically coupled)\b/.test(c.text),
        ncm: "85414900",
        description: "Relé de estado sólido para PCB (photoMOS, dispositivo fotossensível semicondutor)",
      },
      {
        when: (c) => /\b(11\d|12\d|22\d|23\d|24\d)\s?(v ?)?(ac|vac|vca)\b/.test(c.text),
        ncm: "85364900",
        description: "Relé, tensão > 60 V",
      },
    ],
  },
  switch: { ncm: "85365090", description: "Interruptor / chave (táctil, alavanca, deslizante, DIP)" },
  encoder: {
    ncm: "85365030",
    description: "Comutador codificador digital (encoder rotativo) para circuito impresso",
  },
  lampHolder: { ncm: "85366100", description: "Suporte para lâmpada (soquete)" },
  plugSocket: { ncm: "85366990", description: "Plugue / tomada / conector (jack, USB, RJ45, coaxial)" },
  fiberConnector: { ncm: "85367000", description: "Conector para fibra óptica" },
  flatCableConnector: { ncm: "85369010", description: "Conector para cabo plano (FFC/FPC/IDC)" },
  icSocket: { ncm: "85369030", description: "Soquete para circuito integrado" },
  pcbConnector: { ncm: "85369040", description: "Conector para circuito impresso (header, board-to-board)" },
  terminalBlock: { ncm: "85369090", description: "Borne / bloco de terminais" },
  connectingOther: { ncm: "85369090", description: "Aparelho de conexão (terminal, contato, porta-fusível)" },
  connectorGeneric: {
    ncm: "85366990",
    description: "Conector elétrico",
    variants: [
      {
        when: (c) =>
          /\b(pcb|board|placa|platine|header|cabezal|through hole|orificio pasante|right angle|r\/a|rtang)\b/.test(
            c.text,
          ),
        ncm: "85369040",
        description: "Conector para circuito impresso",
      },
    ],
  },
  // 85.44 insulated conductors
  wire: {
    ncm: "85444900",
    description: "Fio / cabo elétrico isolado, tensão <= 1.000 V, sem conectores",
    variants: [
      {
        when: (c) => c.volts !== null && c.volts > 1000,
        ncm: "85446000",
        description: "Cabo elétrico isolado, tensão > 1.000 V",
      },
    ],
  },
  cableAssembly: { ncm: "85444200", description: "Cabo elétrico com conectores (tensão <= 1.000 V)" },
  coax: { ncm: "85442000", description: "Cabo coaxial" },
  fiberCable: { ncm: "85447010", description: "Cabo de fibras ópticas" },
  magnetWire: { ncm: "85441100", description: "Fio de cobre para bobinar (esmaltado)" },
  // other electrical
  batteryLithium: { ncm: "85065010", description: "Pilha/bateria de lítio (não recarregável)" },
  batteryAlkaline: { ncm: "85061019", description: "Pilha alcalina" },
  batterySilverOxide: { ncm: "85064010", description: "Pilha de óxido de prata" },
  batteryLiIon: { ncm: "85076000", description: "Acumulador (bateria) de íon de lítio" },
  batteryNimh: { ncm: "85075090", description: "Acumulador de níquel-hidreto metálico" },
  buzzer: { ncm: "85318000", description: "Aparelho de sinalização acústica (buzzer / sirene)" },
  ledDisplay: { ncm: "85312000", description: "Painel indicador de LED (display de 7 segmentos)" },
  lcdModule: { ncm: "85249100", description: "Módulo de visualização de tela plana LCD, com controlador" },
  oledModule: { ncm: "85249200", description: "Módulo de visualização de tela plana OLED, com controlador" },
  speaker: { ncm: "85182990", description: "Alto-falante" },
  microphone: { ncm: "85181090", description: "Microfone" },
  fan: { ncm: "84145910", description: "Microventilador" },
  motorDc: { ncm: "85011019", description: "Motor elétrico de corrente contínua, potência <= 37,5 W" },
  stepper: { ncm: "85011011", description: "Motor de passo, potência <= 37,5 W" },
  antenna: { ncm: "85177190", description: "Antena" },
  wirelessModule: {
    ncm: "85176277",
    description: "Módulo transceptor sem fio (Wi-Fi/Bluetooth/LoRa), < 15 GHz",
  },
  memoryCard: { ncm: "85235110", description: "Cartão de memória (semicondutor, não volátil)" },
  memoryModule: { ncm: "84733042", description: "Módulo de memória" },
  ledLamp: { ncm: "85395200", description: "Lâmpada de LED" },
  ledModule: { ncm: "85395100", description: "Módulo de LED" },
  evalBoard: {
    ncm: "85437099",
    description: "Placa de avaliação / desenvolvimento (aparelho elétrico com função própria)",
  },
  signalConditioner: {
    ncm: "85437099",
    description: "Condicionador de sinal / amplificador isolador (trilho DIN)",
  },
  currentTransducer: {
    ncm: "90303390",
    description: "Transdutor / sensor de corrente (instrumento de medida)",
  },
  heatsink: { ncm: "76169900", description: "Dissipador de calor de alumínio" },
  // plastics, rubber, metal articles
  heatShrink: { ncm: "39269090", description: "Tubo termorretrátil de plástico (obra de plástico)" },
  cableTie: {
    ncm: "39269090",
    description: "Abraçadeira (cable tie) de plástico",
    variants: [{ when: (c) => c.stainless, ncm: "73269090", description: "Abraçadeira de aço inoxidável" }],
  },
  plasticTube: { ncm: "39173290", description: "Tubo flexível de plástico" },
  tape: { ncm: "39191090", description: "Fita autoadesiva de plástico, em rolo de largura <= 20 cm" },
  oRing: {
    ncm: "40169300",
    description: "Anel de vedação (O-ring) de borracha",
    variants: [
      {
        when: (c) => /\bptfe|teflon\b/.test(c.text),
        ncm: "39269069",
        description: "Anel de vedação (O-ring) de plástico",
      },
    ],
  },
  gasket: { ncm: "40169300", description: "Junta / gaxeta de borracha" },
  solderPaste: { ncm: "38101020", description: "Pasta para soldar" },
  solderWire: { ncm: "83113000", description: "Fio revestido interiormente (alma de fluxo) para soldar" },
  bearingBall: { ncm: "84821010", description: "Rolamento de esferas, de carga radial" },
  bearingBallOther: { ncm: "84821090", description: "Rolamento de esferas (axial / linear)" },
  bearingNeedle: { ncm: "84824000", description: "Rolamento de agulhas" },
  bearingTapered: { ncm: "84822010", description: "Rolamento de rolos cônicos, de carga radial" },
  bearingCylindrical: { ncm: "84825010", description: "Rolamento de rolos cilíndricos, de carga radial" },
  bearingUnit: { ncm: "84832000", description: "Mancal com rolamento incorporado" },
  spring: { ncm: "73202090", description: "Mola helicoidal de aço" },
  screw: {
    ncm: "73181500",
    description: "Parafuso de ferro ou aço",
    variants: [
      { when: (c) => c.plastic, ncm: "39269090", description: "Parafuso de plástico" },
      { when: (c) => c.brass, ncm: "74153300", description: "Parafuso de cobre/latão" },
      { when: (c) => c.aluminium, ncm: "76161000", description: "Parafuso de alumínio" },
    ],
  },
  selfTappingScrew: { ncm: "73181400", description: "Parafuso autoatarraxante de ferro ou aço" },
  woodScrew: { ncm: "73181200", description: "Parafuso para madeira de ferro ou aço" },
  nut: {
    ncm: "73181600",
    description: "Porca de ferro ou aço",
    variants: [
      { when: (c) => c.plastic, ncm: "39269090", description: "Porca de plástico" },
      { when: (c) => c.brass, ncm: "74153300", description: "Porca de cobre/latão" },
      { when: (c) => c.aluminium, ncm: "76161000", description: "Porca de alumínio" },
    ],
  },
  washer: {
    ncm: "73182200",
    description: "Arruela de ferro ou aço",
    variants: [
      { when: (c) => c.plastic, ncm: "39269010", description: "Arruela de plástico" },
      { when: (c) => c.brass, ncm: "74152100", description: "Arruela de cobre/latão" },
      { when: (c) => c.aluminium, ncm: "76161000", description: "Arruela de alumínio" },
    ],
  },
  lockWasher: { ncm: "73182100", description: "Arruela de pressão / de segurança de ferro ou aço" },
  rivet: {
    ncm: "73182300",
    description: "Rebite de ferro ou aço",
    variants: [
      { when: (c) => c.plastic, ncm: "39269090", description: "Rebite de plástico" },
      { when: (c) => c.aluminium, ncm: "76161000", description: "Rebite de alumínio" },
    ],
  },
  standoff: {
    ncm: "73181900",
    description: "Espaçador roscado de ferro ou aço",
    variants: [
      { when: (c) => c.plastic, ncm: "39269090", description: "Espaçador de plástico" },
      { when: (c) => c.brass, ncm: "74153900", description: "Espaçador roscado de latão" },
      { when: (c) => c.aluminium, ncm: "76161000", description: "Espaçador roscado de alumínio" },
    ],
  },
} satisfies Record<string, ProductClass>;

export type ClassId = keyof typeof CLASS_TABLE;
export const CLASSES: Record<ClassId, ProductClass> = CLASS_TABLE;
