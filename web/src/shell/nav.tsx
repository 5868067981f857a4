import { CommentOutlined, FormOutlined, CreditCardOutlined } from '@ant-design/icons';
import { ApiOutlined, AppstoreOutlined, AccountBookOutlined, BarChartOutlined, CheckSquareOutlined, ApartmentOutlined, AuditOutlined, CalendarOutlined, FileTextOutlined, FireOutlined, HomeOutlined, MobileOutlined, SafetyOutlined, ShopOutlined, TeamOutlined, ShoppingCartOutlined, InboxOutlined, DatabaseOutlined, HistoryOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { t } from '../i18n.ts';
import { AuditPage } from '../modules/admin/AuditPage.tsx';
import { CheckoutDeskPage } from '../modules/checkout/CheckoutDeskPage.tsx';
import { AlertNavIcon, AlertsPage } from '../modules/alert/AlertsPage.tsx';
import { SafetyDayPage } from '../modules/safety/SafetyDay.tsx';
import { OrgsPage } from '../modules/admin/OrgsPage.tsx';
import { PeoplePage } from '../modules/admin/PeoplePage.tsx';
import { DevicesPage } from '../modules/devices/DevicesPage.tsx';
import { FeedbackInboxPage } from '../modules/feedback/FeedbackInboxPage.tsx';
import { SurveysPage } from '../modules/feedback/SurveysPage.tsx';
import { RolesPage } from '../modules/admin/RolesPage.tsx';
import { DishesPage } from '../modules/dish/DishesPage.tsx';
import { IngredientsPage } from '../modules/ingredient/IngredientsPage.tsx';
import { MenuPage } from '../modules/menu/MenuPage.tsx';
import { PurchaseOrdersPage } from '../modules/purchase/PurchaseOrdersPage.tsx';
import { CostingPage } from '../modules/costing/CostingPage.tsx';
import { ReportsPage } from '../modules/report/ReportsPage.tsx';
import { RequisitionsPage } from '../modules/requisition/RequisitionsPage.tsx';
import { ReceivingPage } from '../modules/stock/receiving/ReceivingPage.tsx';
import { CountPage } from '../modules/stock/CountPage.tsx';
import { StockDocsPage } from '../modules/stock/StockDocsPage.tsx';
import { StockPage } from '../modules/stock/StockPage.tsx';
import { SuppliersPage } from '../modules/supplier/SuppliersPage.tsx';
import { SamplesPage } from '../modules/sample/SamplesPage.tsx';
import { MobileHome } from '../mobile/MobileHome.tsx';
import { OrdersPage } from '../modules/order/OrdersPage.tsx';
import { ApprovalsPage, StatementsPage } from '../modules/order/UnitMealsPage.tsx';
import { CarryOutOutlined, RestOutlined } from '@ant-design/icons';
import { InspectionPage } from '../modules/inspection/InspectionPage.tsx';
import { WastePage } from '../modules/inspection/WastePage.tsx';
import { MorningChecksPage } from '../modules/worker/MorningChecksPage.tsx';
import { WorkersPage } from '../modules/worker/WorkersPage.tsx';
import { DashboardOutlined, EyeOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { CamerasPage } from '../modules/monitoring/CamerasPage.tsx';
import { KitchenEventsPage } from '../modules/monitoring/KitchenEventsPage.tsx';
import { SensorsPage } from '../modules/monitoring/SensorsPage.tsx';
import { Home } from './Home.tsx';

export interface NavItem {
  path: string;
  label: string;
  hint: string;
  icon: ReactNode;
  permission?: string;
  group?: string;
  element: ReactNode;
}

/** The desktop menu and the routes in one list, so a page cannot exist without its permission. */
export function navItems(): NavItem[] {
  const admin = t('系统管理', 'Administration');
  const canteen = t('数字食堂', 'Digital canteen');
  return [
    { path: '/', label: t('首页', 'Home'), hint: '', icon: <HomeOutlined />, element: <Home /> },
    { path: '/alerts', label: t('预警中心', 'Alert centre'), hint: t('库存、食品安全、传感器预警：确认、处理、逐级升级', 'Stock, food-safety and sensor alerts: acknowledge, resolve, escalation'), icon: <AlertNavIcon />, permission: 'alert.alert.read', element: <AlertsPage /> },
    { path: '/safety', label: t('食品安全概览', 'Food safety today'), hint: t('晨检、留样、自查、冷链与预警，一页看全', 'Morning checks, samples, inspections, cold chain and alerts on one page'), icon: <SafetyOutlined />, permission: 'safety.day.read', group: t('食品安全', 'Food safety'), element: <SafetyDayPage /> },
    { path: '/menu', label: t('菜品计划', 'Menu plans'), hint: t('按周排菜、发布菜单', 'Plan the week, publish menus'), icon: <CalendarOutlined />, permission: 'menu.plan.read', group: canteen, element: <MenuPage /> },
    { path: '/requisitions', label: t('请购单', 'Requisitions'), hint: t('按菜单生成、提交、审核采购', 'Generate, submit and approve purchasing'), icon: <FileTextOutlined />, permission: 'requisition.requisition.read', group: canteen, element: <RequisitionsPage /> },
    { path: '/purchase-orders', label: t('采购单', 'Purchase orders'), hint: t('按供应商发送、打印、跟踪到货', 'Send, print and follow deliveries by supplier'), icon: <ShoppingCartOutlined />, permission: 'purchase.order.read', group: canteen, element: <PurchaseOrdersPage /> },
    { path: '/receiving', label: t('验收入库', 'Receiving'), hint: t('送货到了：过秤、验收、拍照', 'A delivery is here: weigh, check, photograph'), icon: <InboxOutlined />, permission: 'stock.receipt.write', group: canteen, element: <ReceivingPage /> },
    { path: '/stock', label: t('库存', 'Stock'), hint: t('库存、批次与保质期；领用、调拨、退货、报损', 'Stock, batches, best-before; issue, transfer, return, write off'), icon: <DatabaseOutlined />, permission: 'stock.stock.read', group: canteen, element: <StockPage /> },
    { path: '/stock/docs', label: t('出入库记录', 'Stock documents'), hint: t('每一笔入库、出库及其照片单据', 'Every receipt and issue with its photos and documents'), icon: <HistoryOutlined />, permission: 'stock.stock.read', group: canteen, element: <StockDocsPage /> },
    { path: '/stock/counts', label: t('盘点', 'Stock count'), hint: t('按库房清点实物，差异由食堂负责人审核', 'Count each store; the canteen head approves the differences'), icon: <CheckSquareOutlined />, permission: 'stock.stock.read', group: canteen, element: <CountPage /> },
    { path: '/costing', label: t('成本分析', 'Costing'), hint: t('每餐成本、菜品毛利；导入销售数据', 'Cost per meal, margin per dish; import sales'), icon: <AccountBookOutlined />, permission: 'costing.costing.read', group: canteen, element: <CostingPage /> },
    { path: '/reports', label: t('报表', 'Reports'), hint: t('五张报表：查看、打印、导出 Excel 和 PDF', 'The five reports: view, print, export to Excel and PDF'), icon: <BarChartOutlined />, permission: 'report.report.read', group: canteen, element: <ReportsPage /> },
    { path: '/dishes', label: t('菜品库', 'Dish library'), hint: t('菜品、标准菜谱、营养与成本', 'Dishes, recipes, nutrition and cost'), icon: <FireOutlined />, permission: 'dish.dish.read', group: canteen, element: <DishesPage /> },
    { path: '/ingredients', label: t('食材', 'Ingredients'), hint: t('食材、营养成分、库存上下限', 'Ingredients, nutrients, stock limits'), icon: <AppstoreOutlined />, permission: 'ingredient.ingredient.read', group: canteen, element: <IngredientsPage /> },
    { path: '/suppliers', label: t('供应商与价格', 'Suppliers & prices'), hint: t('供应商、价格表导入与比价', 'Suppliers, price lists, comparison'), icon: <ShopOutlined />, permission: 'supplier.supplier.read', group: canteen, element: <SuppliersPage /> },
    { path: '/orders', label: t('订餐与取餐柜', 'Orders & lockers'), hint: t('外卖与会议餐订单、备餐单、取餐柜格口', 'Takeout and meeting orders, production list, locker cells'), icon: <InboxOutlined />, permission: 'order.order.read', group: canteen, element: <OrdersPage /> },
    { path: '/orders/approvals', label: t('会议餐审批', 'Meeting meal approvals'), hint: t('会议餐、公务餐申请的审批', 'Approve meeting and official meal requests'), icon: <AuditOutlined />, permission: 'order.meeting.approve', group: canteen, element: <ApprovalsPage /> },
    { path: '/unit/approvals', label: t('本单位用餐审批', 'My unit’s meal approvals'), hint: t('本单位会议餐、公务餐申请的审批', 'Approve your unit’s meeting and official meals'), icon: <AuditOutlined />, permission: 'order.unit.approve', group: canteen, element: <ApprovalsPage /> },
    { path: '/orders/statements', label: t('单位月结', 'Unit statements'), hint: t('会议餐、公务餐按单位月结，导出与收款', 'Monthly statements of units: export and record payment'), icon: <AccountBookOutlined />, permission: 'order.statement.read', group: canteen, element: <StatementsPage /> },
    { path: '/devices', label: t('设备', 'Devices'), hint: t('验收秤等设备：登记、令牌、实时读数', 'Scales and other devices: register, tokens, live readings'), icon: <ApiOutlined />, permission: 'devices.device.read', group: canteen, element: <DevicesPage /> },
    { path: '/m', label: t('手机点餐页', 'Phone menu'), hint: t('今日菜谱：菜品、价格与营养', "Today's menu: dishes, prices, nutrition"), icon: <MobileOutlined />, permission: 'menu.published.read', group: canteen, element: <MobileHome /> },
    { path: '/checkout', label: t('结算管理', 'Checkout'), hint: t('结算流水、撤销、日结入账与结算台', 'Sales, undo, daily settlement and stations'), icon: <CreditCardOutlined />, permission: 'checkout.sale.read', group: t('结算', 'Checkout'), element: <CheckoutDeskPage /> },
    { path: '/admin/orgs', label: t('组织架构', 'Organisations'), hint: t('管理局、中心、食堂与单位', 'Bureau, centres, canteens and units'), icon: <ApartmentOutlined />, permission: 'admin.org.read', group: admin, element: <OrgsPage /> },
    { path: '/admin/people', label: t('人员与角色', 'People & roles'), hint: t('添加人员，分配角色', 'Add people, assign roles'), icon: <TeamOutlined />, permission: 'admin.person.read', group: admin, element: <PeoplePage /> },
    { path: '/admin/roles', label: t('角色权限', 'Role permissions'), hint: t('设定每个角色能做什么', 'Set what each role may do'), icon: <SafetyOutlined />, permission: 'admin.role.read', group: admin, element: <RolesPage /> },
    { path: '/admin/audit', label: t('操作日志', 'Audit log'), hint: t('谁在何时改了什么', 'Who changed what, when'), icon: <AuditOutlined />, permission: 'admin.audit.read', group: admin, element: <AuditPage /> },
    { path: '/feedback', label: t('意见建议', 'Feedback'), hint: t('就餐人员的意见：回复、关闭，看对回复是否满意', "Diners' feedback: reply, close, see whether they were satisfied"), icon: <CommentOutlined />, permission: 'feedback.feedback.read', group: canteen, element: <FeedbackInboxPage /> },
    { path: '/surveys', label: t('满意度调查', 'Surveys'), hint: t('发起调查、发布到手机、看结果和导出', 'Create surveys, publish to phones, see and export results'), icon: <FormOutlined />, permission: 'feedback.survey.read', group: canteen, element: <SurveysPage /> },
    { path: '/samples', label: t('留样', 'Samples'), hint: t('每餐每道菜留样：照片、重量、留样柜温度与到期销毁', 'A sample of every dish: photo, weight, the cabinet’s temperature, discard when due'), icon: <InboxOutlined />, permission: 'sample.sample.read', group: t('食品安全', 'Food safety'), element: <SamplesPage /> },
    { path: '/workers', label: t('从业人员', 'Kitchen workers'), hint: t('厨房从业人员、照片与健康证，到期提醒', 'Kitchen workers, photos and health certificates, expiry warnings'), icon: <TeamOutlined />, permission: 'worker.worker.read', group: t('食品安全', 'Food safety'), element: <WorkersPage /> },
    { path: '/monitoring', label: t('温湿度监控', 'Temperatures'), hint: t('冷藏、冷冻、冰箱与专间的温湿度：当前值、阈值、曲线与超限报警', 'Cold rooms, freezers, fridges and 专间: values now, thresholds, charts, alerts'), icon: <DashboardOutlined />, permission: 'monitoring.sensor.read', group: t('食品安全', 'Food safety'), element: <SensorsPage /> },
    { path: '/monitoring/kitchen-events', label: t('后厨行为分析', 'Kitchen events'), hint: t('摄像头 AI 事件（未戴口罩、抽烟、老鼠…）：看快照、确认或误报', 'Camera AI events (no mask, smoking, rodents …): see the snapshot, confirm or dismiss'), icon: <EyeOutlined />, permission: 'monitoring.event.read', group: t('食品安全', 'Food safety'), element: <KitchenEventsPage /> },
    { path: '/monitoring/cameras', label: t('摄像头与直播', 'Cameras'), hint: t('后厨摄像头、直播链接与推送令牌', 'Kitchen cameras, live-view links and their tokens'), icon: <VideoCameraOutlined />, permission: 'monitoring.camera.read', group: t('食品安全', 'Food safety'), element: <CamerasPage /> },
    { path: '/workers/checks', label: t('晨检', 'Morning checks'), hint: t('当日晨检名单、缺勤与历史记录', "The day's morning checks, absentees and history"), icon: <SafetyOutlined />, permission: 'worker.check.read', group: t('食品安全', 'Food safety'), element: <MorningChecksPage /> },
    { path: '/inspection', label: t('每日自查', 'Self-inspection'), hint: t('厉行节约、安全、环境卫生三大块自查：带水印照片、逾期提醒', 'Daily checklist in three blocks: watermarked photos, overdue alerts'), icon: <CarryOutOutlined />, permission: 'inspection.checklist.read', group: t('食品安全', 'Food safety'), element: <InspectionPage /> },
    { path: '/waste', label: t('泔水', 'Waste'), hint: t('每餐泔水称重、照片与收运，人均趋势', 'Waste weighed per meal with photo and collector; per-diner trend'), icon: <RestOutlined />, permission: 'inspection.checklist.read', group: t('食品安全', 'Food safety'), element: <WastePage /> },
  ];
}
