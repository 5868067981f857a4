export { dishRoutes } from './routes.ts';
export { P as dishPermissions } from './permissions.ts';
export { dishesByCode, dishesByIds, nutritionFor, recipesFor, requireDishesUsableBy, type Dish, type RecipeLine } from './service.ts';
export { grossGrams, ingredientNeeds, portionCost } from './recipe.ts';
export { createDish } from './service.ts';
export { referenceDishes } from './reference.ts';
export { dishReactions } from './reactions.ts';
