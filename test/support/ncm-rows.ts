/** One row of a made-up Siscomex NCM table (the shape `parseNcmTable` reads), in force from `start`. */
export const ncmRow = (Codigo: string, Descricao: string, start = "01/01/2024") => ({
  Codigo,
  Descricao,
  Data_Inicio: start,
  Data_Fim: "31/12/9999",
});
