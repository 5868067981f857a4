import { chinaMinute, chinaTime, MEAL_ENDS, MEAL_LABEL } from '../order/index.ts';
import type { MEALS } from './schema.ts';

type Meal = (typeof MEALS)[number];

export { chinaMinute, MEAL_LABEL };

/** When a meal's serving window ends (the checkout's and the order module's meal windows, China time). */
export const mealEndsAt = (date: string, meal: Meal) => chinaTime(date, MEAL_ENDS[meal]);

/** From this moment a dish of the meal without a sample is missing: the end of serving plus the canteen's grace. */
export const mealDueAt = (date: string, meal: Meal, graceMinutes: number) => new Date(mealEndsAt(date, meal).getTime() + graceMinutes * 60_000);
