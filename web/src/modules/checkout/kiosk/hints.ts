import { t } from '../../../i18n.ts';

/** What to do next after a refusal, in plain words for the diner and the cashier. */
const NEXT: Record<string, [string, string]> = {
  insufficient_balance: ['请到服务台充值，或在手机上充值后再结算。', 'Top up at the service desk or on your phone, then pay again.'],
  card_lost: ['此卡已挂失。请到服务台补卡，或用手机付款码支付。', 'This card was reported lost. Get a new card at the service desk, or pay with the pay code on your phone.'],
  card_inactive: ['此卡已停用。请到服务台办理，或用手机付款码支付。', 'This card is no longer in use. Go to the service desk, or pay with the pay code on your phone.'],
  card_not_found: ['请重新刷卡；仍不行请到服务台查询。', 'Tap the card again; if it still fails, ask at the service desk.'],
  card_not_in_roster: ['请等网络恢复后再刷卡，或到服务台办理。', 'Tap again when the network is back, or go to the service desk.'],
  account_frozen: ['账户已冻结。请到服务台办理解冻。', 'The account is frozen. Ask the service desk to unfreeze it.'],
  account_closed: ['账户已注销。请到服务台办理。', 'The account is closed. Please go to the service desk.'],
  account_not_active: ['请到服务台办理。', 'Please go to the service desk.'],
  pay_code_invalid: ['请在手机上刷新付款码，再扫一次。', 'Refresh the pay code on the phone and scan again.'],
  pay_code_expired: ['请在手机上刷新付款码，再扫一次。', 'Refresh the pay code on the phone and scan again.'],
  pay_code_offline: ['网络中断时无法核验付款码，请刷卡。', 'Pay codes cannot be checked while the network is down: please use the card.'],
  dish_not_on_menu: ['菜单刚刚更新，请重新选菜。', 'The menu has just changed: choose the dishes again.'],
  empty_tray: ['请先点选菜品，再刷卡。', 'Choose the dishes first, then tap the card.'],
  offline_limit: ['请等网络恢复后再结算。', 'Wait for the network to come back.'],
  network_down: ['请等网络恢复后在“最近结算”中再试，或请经理在结算管理中作废。', 'Try again under “Recent sales” when the network is back, or ask a manager to void it on the desk.'],
  offline_synced: ['请在“结算管理”的结算流水中撤销（经理可作废）。', 'Undo it in the sales list under “Checkout” (a manager can void it).'],
  undo_window_passed: ['请餐厅经理在“结算管理”中作废。', 'Ask the hall manager to void it under “Checkout”.'],
  no_offline_pack: ['请检查网线或无线网络。', 'Check the network cable or Wi-Fi.'],
  station_not_found: ['请点“更换结算台”重新选择。', 'Choose the station again with “Change station”.'],
  unauthorized: ['登录已过期，请重新登录。', 'The sign-in has expired: sign in again.'],
};

export const nextStep = (code: string) => {
  const x = NEXT[code];
  return x ? t(x[0], x[1]) : t('请重试；仍不行请联系食堂管理员。', 'Try again; if it still fails, call the canteen manager.');
};
