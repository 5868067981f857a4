ALTER TABLE "alert_notification" DROP CONSTRAINT "alert_notification_person_id_core_person_id_fk";
