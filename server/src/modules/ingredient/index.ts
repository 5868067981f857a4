export { ingredientRoutes } from './routes.ts';
export { P as ingredientPermissions } from './permissions.ts';
export { INGREDIENT_CHANGED, ingredientsByCode, ingredientsByIds, ownerOrg, requireUsableBy, type Ingredient } from './service.ts';
export { energyShares, nutritionOf, zeroNutrients, NUTRIENT_KEYS, type Nutrients } from './nutrition.ts';
export { PURCHASE_UNITS, parseUnit, type PurchaseUnit } from './units.ts';
export { stockLimitsOf, upsertIngredients } from './service.ts';
export { referenceIngredients } from './reference.ts';
export { ingredientReactions } from './reactions.ts';
