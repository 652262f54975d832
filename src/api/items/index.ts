import { createRouter } from "../create-app";
import { reviewItem } from "./items.handlers";
import { reviewItemRoute } from "./items.routes";

/** /v1/items/:itemId: decisions on one item. */
export const itemsRouter = createRouter().openapi(reviewItemRoute, reviewItem);
